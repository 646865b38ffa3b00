using System.Reflection;
using System.Reflection.Emit;

namespace ReportMiner.Core.Tests.Architecture;

/// <summary>
/// Which namespaces of an assembly use which: a type uses another when it names it in its base
/// type, interfaces, fields, properties, signatures or method bodies (the IL's type, field and
/// method tokens). Nested and compiler-generated types count for the type they are nested in.
/// </summary>
public sealed class NamespaceGraph
{
    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>For each namespace, the namespaces it uses, each with one type pair that shows the use.</summary>
    public Dictionary<string, Dictionary<string, string>> Edges { get; } = new(StringComparer.Ordinal);

    /// <summary>Tokens in method bodies that could not be resolved (should be none).</summary>
    public List<string> Unresolved { get; } = [];

    private readonly Assembly _assembly;
    private readonly string _prefix;

    /// <param name="assembly">The assembly to read.</param>
    /// <param name="prefix">Only namespaces starting with it are nodes (e.g. "ReportMiner.").</param>
    public NamespaceGraph(Assembly assembly, string prefix)
    {
        _assembly = assembly;
        _prefix = prefix;
        foreach (var type in assembly.GetTypes()) Read(type);
    }

    private static string? NamespaceOf(Type t)
    {
        while (t.DeclaringType is not null) t = t.DeclaringType;
        return t.Namespace;
    }

    private void Read(Type type)
    {
        var from = NamespaceOf(type);
        if (from is null || !from.StartsWith(_prefix, StringComparison.Ordinal)) return;
        void Use(Type? t)
        {
            if (t is null || t.IsGenericParameter) return;
            if (t.HasElementType) { Use(t.GetElementType()); return; }
            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                foreach (var a in t.GetGenericArguments()) Use(a);
                t = t.GetGenericTypeDefinition();
            }
            if (t.Assembly != _assembly) return;
            var to = NamespaceOf(t);
            if (to is null || to == from || !to.StartsWith(_prefix, StringComparison.Ordinal)) return;
            if (!Edges.TryGetValue(from, out var targets)) Edges[from] = targets = new(StringComparer.Ordinal);
            targets.TryAdd(to, $"{type.FullName} uses {t.FullName}");
        }

        Use(type.BaseType);
        foreach (var i in type.GetInterfaces()) Use(i);
        foreach (var f in type.GetFields(All)) Use(f.FieldType);
        foreach (var p in type.GetProperties(All)) Use(p.PropertyType);
        var typeArgs = type.IsGenericType ? type.GetGenericArguments() : null;
        foreach (var m in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (m is MethodInfo mi) Use(mi.ReturnType);
            foreach (var p in m.GetParameters()) Use(p.ParameterType);
            var il = m.GetMethodBody()?.GetILAsByteArray();
            if (il is null) continue;
            var methodArgs = m.IsGenericMethod ? m.GetGenericArguments() : null;
            foreach (var token in MemberTokens(il))
            {
                try
                {
                    var member = type.Module.ResolveMember(token, typeArgs, methodArgs);
                    if (member is Type t) Use(t);
                    else if (member is not null)
                    {
                        Use(member.DeclaringType);
                        if (member is FieldInfo fi) Use(fi.FieldType);
                    }
                }
                catch (Exception ex) when (ex is ArgumentException or BadImageFormatException)
                {
                    Unresolved.Add($"{type.FullName}.{m.Name}: token {token:x8}: {ex.Message}");
                }
            }
        }
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The metadata tokens of the type, field and method operands of an IL body.</summary>
    private static IEnumerable<int> MemberTokens(byte[] il)
    {
        int i = 0;
        while (i < il.Length)
        {
            short value = il[i] == 0xFE ? unchecked((short)(0xFE00 | il[i + 1])) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var op = OpCodesByValue[value];
            switch (op.OperandType)
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: i += 1; break;
                case OperandType.InlineVar: i += 2; break;
                case OperandType.InlineI8 or OperandType.InlineR: i += 8; break;
                case OperandType.InlineSwitch: i += 4 + 4 * BitConverter.ToInt32(il, i); break;
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    yield return BitConverter.ToInt32(il, i);
                    i += 4;
                    break;
                default: i += 4; break;
            }
        }
    }

    /// <summary>The cycles among the namespaces, one line each (A → B → … → A, with the type pair behind each step), or none.</summary>
    public List<string> Cycles()
    {
        // Tarjan's strongly connected components: every component of more than one namespace holds a cycle.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        int next = 0;
        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in Edges.GetValueOrDefault(v)?.Keys.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>())
            {
                if (!index.TryGetValue(w, out int wIndex)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], wIndex);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            if (component.Count > 1) result.Add(Describe(component));
        }
        foreach (var v in Edges.Keys.Order(StringComparer.Ordinal))
            if (!index.ContainsKey(v)) Visit(v);
        return result;
    }

    /// <summary>One cycle through a strongly connected component, with the use behind each step.</summary>
    private string Describe(List<string> component)
    {
        var set = component.ToHashSet(StringComparer.Ordinal);
        var start = component.Order(StringComparer.Ordinal).First();
        // Shortest way back to the start (breadth-first inside the component).
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        string? last = null;
        while (queue.Count > 0 && last is null)
        {
            var v = queue.Dequeue();
            foreach (var w in Edges[v].Keys.Where(set.Contains).Order(StringComparer.Ordinal))
            {
                if (w == start) { last = v; break; }
                if (previous.TryAdd(w, v)) queue.Enqueue(w);
            }
        }
        var path = new List<string> { start };
        for (var v = last!; v != start; v = previous[v]) path.Insert(1, v);
        path.Add(start);
        var steps = path.Zip(path.Skip(1), (a, b) => $"{a} -> {b} ({Edges[a][b]})");
        return string.Join("; ", steps);
    }
}
