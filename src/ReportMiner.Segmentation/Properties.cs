using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("ReportMiner.JiebaConvert")]
[assembly: InternalsVisibleTo("ReportMiner.Segmentation.Tests")]
[assembly: InternalsVisibleTo("ReportMiner.Bench")]
