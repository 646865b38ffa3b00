using System.Collections;
using System.Reflection;
using UglyToad.PdfPig;

namespace ReportMiner.Ingest;

/// <summary>
/// Bounds PdfPig's per-document font cache. PdfPig 0.1.16 keeps every font it has parsed (with its
/// font program, glyph tables and CMaps) in its <c>ResourceStore</c> until the document is disposed,
/// and offers no way to drop them. A long compilation of separately made reports embeds new fonts
/// every few pages, so that cache grew by 0.3–1.3 MB per page on our test files (most of the memory
/// of reading such a PDF). This empties it, together with the resolved resource dictionaries that
/// point into it (so a later page that shares resources loads its fonts again rather than missing
/// them), when it holds more than <see cref="MaxFonts"/> fonts; the check runs between pages, every
/// <see cref="TrimEveryPages"/> pages, so a font is parsed again at most once per that many pages.
/// <para>
/// The fields are PdfPig's private ones (the version is pinned in Directory.Packages.props). When
/// they are not found, <see cref="Of"/> returns null and nothing is trimmed: the text stays right,
/// only memory grows again; <c>PdfPigFontCacheTests</c> fails then, so an upgrade notices.
/// </para>
/// </summary>
public sealed class PdfPigFontCache
{
    /// <summary>Pages between two checks.</summary>
    public const int TrimEveryPages = 16;

    /// <summary>Fonts kept before the cache is emptied.</summary>
    public const int MaxFonts = 48;

    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
    private readonly IDictionary _fonts;
    private readonly IDictionary _resolved;

    private PdfPigFontCache(IDictionary fonts, IDictionary resolved)
    {
        _fonts = fonts;
        _resolved = resolved;
    }

    /// <summary>Fonts held now.</summary>
    public int Count => _fonts.Count;

    /// <summary>Times the cache was emptied.</summary>
    public int Trims { get; private set; }

    /// <summary>The font cache of <paramref name="document"/>, or null when this PdfPig's internals are not the expected ones.</summary>
    public static PdfPigFontCache? Of(PdfDocument document)
    {
        try
        {
            var pages = Field(document, "pages");
            var factory = pages is null ? null : Field(pages, "defaultPageFactory");
            var store = factory is null ? null : Field(factory, "ResourceStore");
            if (store is null) return null;
            return Field(store, "loadedFonts") is IDictionary fonts && Field(store, "resolvedResources") is IDictionary resolved
                ? new PdfPigFontCache(fonts, resolved)
                : null;
        }
        catch (Exception ex) when (ex is TargetException or FieldAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Empties the cache when it holds more than <see cref="MaxFonts"/> fonts. Call between pages only.</summary>
    public void TrimIfLarge()
    {
        if (_fonts.Count > MaxFonts) Trim();
    }

    /// <summary>Empties the cache. Call between pages only.</summary>
    public void Trim()
    {
        _resolved.Clear();
        _fonts.Clear();
        Trims++;
    }

    private static object? Field(object owner, string name)
    {
        for (var type = owner.GetType(); type is not null; type = type.BaseType)
            if (type.GetField(name, Instance) is { } field) return field.GetValue(owner);
        return null;
    }
}
