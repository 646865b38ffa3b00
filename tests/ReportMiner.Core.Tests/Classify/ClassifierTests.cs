using ReportMiner.Classify;
using ReportMiner.Config;
using ReportMiner.Extract;
using ReportMiner.Numbers;
using ReportMiner.Pipeline;
using ReportMiner.Segment;
using ReportMiner.Training;

namespace ReportMiner.Core.Tests.Classify;

/// <summary>Labelled candidates of the public gold, built once with a rules-only pipeline.</summary>
public static class LabelledCorpus
{
    private static readonly Lazy<ITokenizer> LazyTokenizer = new(() => JiebaTokenizer.Load(SharedPipeline.Config.SegmenterOptions()));

    /// <summary>The shipped segmenter, loaded once.</summary>
    public static ITokenizer Tokenizer => LazyTokenizer.Value;

    private static readonly Lazy<List<TrainingDocument>> Docs = new(() =>
    {
        var rules = new ReportPipelineBuilder(SharedPipeline.Config).WithTokenizer(Tokenizer).RulesOnly().Build();
        var problems = new List<string>();
        var docs = TrainingSet.Load(TestPaths.Corpus("gold"), Path.Combine(TestPaths.RepoRoot, "corpus"), rules, Tokenizer, problems);
        Assert.Empty(problems);
        return docs.OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
    });

    public static List<TrainingDocument> All => Docs.Value;

    /// <summary>A few documents for the tests that run the whole training (inner threshold search, cross-validation) to check what it does, not how well.</summary>
    /// Each has gold mentions of both statuses, so that every fold's training part can train the status head.
    public static List<TrainingDocument> Few => All.Where(d => d.Examples.Any(e => e.GoldStatus == MentionStatus.Target) && d.Examples.Any(e => e.GoldStatus == MentionStatus.Actual)).Take(8).ToList();

    /// <summary>A small training subset (every third document) and a disjoint test subset.</summary>
    public static (List<TrainingDocument> Train, List<TrainingDocument> Test) Split()
        => (All.Where((_, i) => i % 3 == 0).ToList(), All.Where((_, i) => i % 3 == 1).Take(6).ToList());
}

[ReportMiner.Testing.StartsEarly]
public class ClassifierTests
{
    private static ExtractionOptions Extraction => SharedPipeline.Config.Extraction;

    private static List<CandidateScores?> ScoreAll(MlMentionClassifier classifier, IEnumerable<TrainingDocument> docs)
        => docs.SelectMany(d => d.Result.Reports.SelectMany(r => classifier.Score(d.Result.Normalized.Text, r.Report, r.Candidates))).ToList();

    private static void AssertSameScores(List<CandidateScores?> a, List<CandidateScores?> b)
    {
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i] is null, b[i] is null);
            if (a[i] is null) continue;
            Assert.Equal(a[i]!.TargetProbability, b[i]!.TargetProbability);
            Assert.Equal(a[i]!.Proposals, b[i]!.Proposals);
        }
    }

    [Fact]
    public void Gold_alignment_reaches_almost_every_gold_mention()
    {
        var docs = LabelledCorpus.All;
        Assert.Equal(110, docs.Count);   // 5 sample reports, w001-w105
        int gold = docs.Sum(d => d.Gold.Count), unreachable = docs.Sum(d => d.Unreachable);
        Assert.True(unreachable <= gold / 20, $"{unreachable} of {gold} gold mentions have no eligible candidate");
        // Every document with a reachable gold mention yields positive examples.
        Assert.All(docs.Where(d => d.Gold.Count > d.Unreachable), d => Assert.Contains(d.Examples, e => e.Label != ClassifierModel.None));
    }

    [Fact]
    public void Training_twice_gives_identical_bytes_and_scores()
    {
        var (train, test) = LabelledCorpus.Split();
        var a = ClassifierTrainer.TrainHeads(train);
        var b = ClassifierTrainer.TrainHeads(train);
        var bytesA = a.ToBytes();
        Assert.Equal(bytesA, b.ToBytes());
        var ca = new MlMentionClassifier(a, Extraction, LabelledCorpus.Tokenizer, "a");
        var cb = new MlMentionClassifier(b, Extraction, LabelledCorpus.Tokenizer, "b");
        var scores = ScoreAll(ca, test);
        Assert.Contains(scores, s => s is { Proposals.Count: > 0 });
        AssertSameScores(scores, ScoreAll(cb, test));
    }

    [Fact]
    public void Threshold_search_is_deterministic()
    {
        var train = LabelledCorpus.Few;
        var (m1, c1) = ClassifierTrainer.Train(train, Extraction, LabelledCorpus.Tokenizer, innerFolds: 2);
        var (m2, c2) = ClassifierTrainer.Train(train, Extraction, LabelledCorpus.Tokenizer, innerFolds: 2);
        Assert.Equal(c1, c2);
        Assert.Equal(m1.ToBytes(), m2.ToBytes());
        // The indicator decision is the model's: one threshold for keeping and naming, never "defer to the rules".
        Assert.Equal(c1.Options.KeepThreshold, c1.Options.RecoverThreshold);
        Assert.InRange(c1.Options.RecoverThreshold, 0.3, 0.7);
    }

    [Fact]
    public void Fast_heads_equal_the_ml_net_prediction_engines()
    {
        var (train, test) = LabelledCorpus.Split();
        var model = ClassifierModel.FromBytes(ClassifierTrainer.TrainHeads(train).ToBytes());
        var (indicator, status) = model.CreateEngines();
        var rows = test.SelectMany(d => d.Examples).SelectMany(e => e.Pairs.Prepend(e.Features)).ToList();
        Assert.True(rows.Count > 50);
        foreach (var row in rows)
        {
            // ML.NET sums in float, the fast head in double: equal up to float rounding.
            Assert.InRange(Math.Abs(indicator.Predict(row).Probability - model.IndicatorHead.Probability(row.Features)), 0, 1e-5);
            Assert.InRange(Math.Abs(status.Predict(row).Probability - model.StatusHead.Probability(row.Features)), 0, 1e-5);
        }
    }

    [Theory]
    [InlineData(0.0, 1.01, 1.01)]
    [InlineData(0.3, 0.8, 0.9)]
    [InlineData(0.5, 0.5, 0.5)]
    public void Decide_equals_full_scoring_for_every_mention(double keep, double recover, double status)
    {
        var (train, test) = LabelledCorpus.Split();
        var options = new ClassifierOptions { KeepThreshold = keep, RecoverThreshold = recover, StatusThreshold = status };
        var classifier = new MlMentionClassifier(ClassifierTrainer.TrainHeads(train, options), Extraction, LabelledCorpus.Tokenizer, "fp");
        int mentions = 0;
        foreach (var d in test)
            foreach (var r in d.Result.Reports)
            {
                var text = d.Result.Normalized.Text;
                var full = classifier.Score(text, r.Report, r.Candidates).Select((s, i) => s is null ? r.Candidates[i] : MlMentionClassifier.Apply(r.Candidates[i], s, options)).ToList();
                var decided = classifier.Decide(text, r.Report, r.Candidates);
                Assert.Equal(full.Select(c => c.Indicator), decided.Select(c => c.Indicator));
                for (int i = 0; i < full.Count; i++)
                {
                    if (full[i].Indicator is null) continue;
                    Assert.Equal((full[i].Status, full[i].Qualifier, full[i].Confidence, full[i].Method), (decided[i].Status, decided[i].Qualifier, decided[i].Confidence, decided[i].Method));
                    mentions++;
                }
            }
        Assert.True(mentions > 0);
    }

    [Fact]
    public void Cross_validation_scores_rules_as_the_pipeline_outputs_them()
    {
        var train = LabelledCorpus.Few;
        var cv = CrossValidation.Run(train, Extraction, LabelledCorpus.Tokenizer, folds: 2, innerFolds: 2);
        var gold = train.SelectMany(d => d.Gold.Select(g => new ReportMiner.Eval.ScoredMention(d.Key, g.Indicator, g.Status, g.Value, null, null, null))).ToList();
        var predicted = train.SelectMany(d => d.Result.Mentions.Select(m => new ReportMiner.Eval.ScoredMention(d.Key, m.Indicator, m.Status, m.Value, null, null, null))).ToList();
        var direct = ReportMiner.Eval.Scorer.Score(gold, predicted, train.Select(d => d.Key).ToHashSet(), Extraction.ExactlyScored());
        Assert.Equal((direct.Micro.Gold, direct.Micro.Predicted, direct.Micro.Matched), (cv.Rules.Micro.Gold, cv.Rules.Micro.Predicted, cv.Rules.Micro.Matched));
        Assert.Equal(train.Count, cv.Documents);
    }

    [Fact]
    public void Features_hashed_while_written_equal_hashing_the_text()
    {
        int rows = 0;
        foreach (var d in LabelledCorpus.All.Take(10))
            foreach (var e in d.Examples)
            {
                var r = d.Result.Reports.First(x => x.Candidates.Contains(e.Candidate));
                var fast = MentionFeatures.Build(d.Result.Normalized.Text, r.Report, e.Candidate, LabelledCorpus.Tokenizer, Extraction.Features, keepText: false);
                Assert.Equal("", fast.Symbols);
                var fromText = FeatureSpace.Vectorize(e.Features.Symbols, e.Features.Context, 'S', 'C');
                Assert.Equal(fromText.GetIndices().ToArray(), fast.Features.GetIndices().ToArray());
                Assert.Equal(fromText.GetValues().ToArray(), fast.Features.GetValues().ToArray());
                Assert.Equal(e.Features.Features.GetIndices().ToArray(), fast.Features.GetIndices().ToArray());
                rows++;
            }
        Assert.True(rows > 50);
    }

    [Fact]
    public void Model_round_trips_through_its_file_format()
    {
        var (train, test) = LabelledCorpus.Split();
        var model = ClassifierTrainer.TrainHeads(train, new ClassifierOptions { KeepThreshold = 0.3, RecoverThreshold = 0.8, StatusThreshold = 0.9 });
        var loaded = ClassifierModel.FromBytes(model.ToBytes());
        Assert.Equal(model.Options, loaded.Options);
        var a = new MlMentionClassifier(model, Extraction, LabelledCorpus.Tokenizer, "a");
        var b = new MlMentionClassifier(loaded, Extraction, LabelledCorpus.Tokenizer, "b");
        AssertSameScores(ScoreAll(a, test), ScoreAll(b, test));
    }

    [Fact]
    public void Rules_thresholds_reproduce_the_rules_with_method_rule_ml()
    {
        var (train, test) = LabelledCorpus.Split();
        var options = new ClassifierOptions { KeepThreshold = 0, RecoverThreshold = ClassifierTrainer.Never, StatusThreshold = ClassifierTrainer.Never };
        var classifier = new MlMentionClassifier(ClassifierTrainer.TrainHeads(train, options), Extraction, LabelledCorpus.Tokenizer, "fp");
        var rules = new ReportPipelineBuilder(SharedPipeline.Config).WithTokenizer(LabelledCorpus.Tokenizer).RulesOnly().Build();
        var withMl = new ReportPipelineBuilder(SharedPipeline.Config).WithTokenizer(LabelledCorpus.Tokenizer).WithClassifier(classifier).Build();
        Assert.Equal("", rules.ModelFingerprint);
        Assert.Equal("fp", withMl.ModelFingerprint);
        int mentions = 0;
        foreach (var doc in test)
        {
            var r = rules.Process(doc.Result.Source).Mentions.ToList();
            var m = withMl.Process(doc.Result.Source).Mentions.ToList();
            Assert.Equal(r.Select(x => (x.Indicator, x.Value, x.Status, x.Qualifier, x.SpanStart)), m.Select(x => (x.Indicator, x.Value, x.Status, x.Qualifier, x.SpanStart)));
            Assert.All(r, x => Assert.Equal("rule", x.Method));
            Assert.All(m, x => Assert.Equal("rule+ml", x.Method));
            Assert.All(m, x => Assert.InRange(x.Confidence, 0, 1));
            mentions += m.Count;
        }
        Assert.True(mentions > 0);
    }

    private static Candidate Figure(string? indicator, MentionStatus status = MentionStatus.Actual, string? qualifier = null) => new()
    {
        Quantity = new Quantity { Start = 10, End = 13, NumberStart = 10, Value = 12, Kind = UnitKind.Count, Unit = "家" },
        SentenceStart = 0,
        SentenceEnd = 20,
        Indicator = indicator,
        NearestIndicator = indicator ?? "tech_smes",
        Status = status,
        Qualifier = qualifier,
        Section = ReportMiner.Structure.SectionKind.Summary,
    };

    [Fact]
    public void Apply_vetoes_recovers_relabels_and_flips_status_by_threshold()
    {
        var o = new ClassifierOptions { KeepThreshold = 0.3, RecoverThreshold = 0.8, StatusThreshold = 0.9 };
        // Veto: the rules' indicator scores under the keep threshold.
        var veto = MlMentionClassifier.Apply(Figure("high_tech_enterprises"), new([("high_tech_enterprises", 0.2)], 0.1), o);
        Assert.Null(veto.Indicator);
        Assert.Equal("rule+ml", veto.Method);
        // Kept: above the keep threshold, qualifier stays.
        var keep = MlMentionClassifier.Apply(Figure("high_tech_enterprises", qualifier: "new"), new([("high_tech_enterprises", 0.4)], 0.1), o);
        Assert.Equal(("high_tech_enterprises", "new"), (keep.Indicator, keep.Qualifier));
        Assert.Equal(0.4 * 0.9, keep.Confidence, 3);
        // Recovered: a figure the rules rejected, only above the recover threshold.
        Assert.Equal("tech_smes", MlMentionClassifier.Apply(Figure(null), new([("tech_smes", 0.85)], 0.1), o).Indicator);
        Assert.Null(MlMentionClassifier.Apply(Figure(null), new([("tech_smes", 0.75)], 0.1), o).Indicator);
        // Relabelled: another proposal beats the rules' choice; the rules' qualifier does not carry over.
        var relabel = MlMentionClassifier.Apply(Figure("high_tech_enterprises", qualifier: "total"), new([("high_tech_enterprises", 0.5), ("tech_smes", 0.9)], 0.1), o);
        Assert.Equal(("tech_smes", (string?)null), (relabel.Indicator, relabel.Qualifier));
        // Status flips only when the other status reaches the status threshold.
        Assert.Equal(MentionStatus.Target, MlMentionClassifier.Apply(Figure("tech_smes"), new([("tech_smes", 0.9)], 0.95), o).Status);
        Assert.Equal(MentionStatus.Actual, MlMentionClassifier.Apply(Figure("tech_smes"), new([("tech_smes", 0.9)], 0.85), o).Status);
        Assert.Equal(MentionStatus.Target, MlMentionClassifier.Apply(Figure("tech_smes", MentionStatus.Target), new([("tech_smes", 0.9)], 0.15), o).Status);
    }

    [Fact]
    public void Pipeline_falls_back_to_rules_without_a_model()
    {
        var missing = new PipelineConfig
        {
            Classifier = new ClassifierSection { Model = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "classifier.zip"), Enabled = true },
            Extraction = Extraction,
        };
        Assert.Null(ReportPipelineBuilder.LoadClassifier(missing, LabelledCorpus.Tokenizer));

        var (train, _) = LabelledCorpus.Split();
        var path = Path.Combine(Path.GetTempPath(), "reportminer-classifier-" + Guid.NewGuid().ToString("N") + ".zip");
        try
        {
            File.WriteAllBytes(path, ClassifierTrainer.TrainHeads(train).ToBytes());
            var enabled = new PipelineConfig { Classifier = new ClassifierSection { Model = path, Enabled = true }, Extraction = Extraction };
            var disabled = new PipelineConfig { Classifier = new ClassifierSection { Model = path, Enabled = false }, Extraction = Extraction };
            Assert.Null(ReportPipelineBuilder.LoadClassifier(disabled, LabelledCorpus.Tokenizer));
            var loaded = ReportPipelineBuilder.LoadClassifier(enabled, LabelledCorpus.Tokenizer);
            Assert.IsType<MlMentionClassifier>(loaded);
            Assert.Equal(ClassifierModel.Fingerprint(File.ReadAllBytes(path)), loaded!.Fingerprint);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Shipped_model_loads_with_this_build()
    {
        var path = SharedPipeline.Config.Resolve(SharedPipeline.Config.Classifier.Model);
        Assert.True(File.Exists(path), $"{path} is missing: run 'make train'");
        var classifier = ReportPipelineBuilder.LoadClassifier(SharedPipeline.Config, LabelledCorpus.Tokenizer);
        Assert.NotNull(classifier);
        Assert.Equal(classifier!.Fingerprint, SharedPipeline.Pipeline.ModelFingerprint);
    }

    [Fact]
    public void Model_of_another_feature_version_is_refused()
    {
        var (train, _) = LabelledCorpus.Split();
        var bytes = ClassifierTrainer.TrainHeads(train).ToBytes();
        using var ms = new MemoryStream();
        ms.Write(bytes);
        using (var zip = new System.IO.Compression.ZipArchive(ms, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            var meta = zip.GetEntry("meta.json")!;
            string json;
            using (var r = new StreamReader(meta.Open())) json = r.ReadToEnd();
            meta.Delete();
            using var w = new StreamWriter(zip.CreateEntry("meta.json").Open());
            w.Write(json.Replace($"\"features_version\": {MentionFeatures.Version}", "\"features_version\": 999"));
        }
        var ex = Assert.Throws<InvalidDataException>(() => ClassifierModel.FromBytes(ms.ToArray()));
        Assert.Contains("retrain", ex.Message);
    }
}
