// The classes marked [StartsEarly] start before the others (see tests/Shared/StartsEarly.cs).
[assembly: TestCollectionOrderer("ReportMiner.Testing.LongCollectionsFirst", "ReportMiner.Core.Tests")]
