using System.CommandLine;
using System.Globalization;
using Federation.Samples.Tpch;

namespace Federation.Cli;

/// <summary>fed generate tpch --sf 0.1 --out data/tpch: writes TPC-H-shaped Parquet data.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var scale = new Option<double>("--sf") { Description = "scale factor (1 is about 1 GB of raw data)", DefaultValueFactory = _ => 0.1 };
        var output = new Option<string>("--out") { Description = "output folder", DefaultValueFactory = _ => "data/tpch" };
        var partitioned = new Option<bool>("--partition-by-month") { Description = "partition lineitem and orders by month into key=value folders" };
        var overwrite = new Option<bool>("--overwrite") { Description = "replace an existing dataset" };
        var tpch = new Command("tpch", "TPC-H tables as Parquet") { scale, output, partitioned, overwrite };
        tpch.SetAction((parse, cancellationToken) =>
        {
            var options = new TpchGeneratorOptions
            {
                ScaleFactor = parse.GetValue(scale),
                OutputDirectory = parse.GetValue(output)!,
                PartitionByMonth = parse.GetValue(partitioned),
                Overwrite = parse.GetValue(overwrite),
            };
            var result = new TpchGenerator(options).Generate(cancellationToken);
            Console.WriteLine(result.ReusedExisting
                ? $"TPC-H SF {options.ScaleFactor.ToString(CultureInfo.InvariantCulture)} already in {result.OutputDirectory}"
                : $"TPC-H SF {options.ScaleFactor.ToString(CultureInfo.InvariantCulture)} written to {result.OutputDirectory} in {result.Elapsed.TotalSeconds:0.0} s");
            foreach (var (table, rows) in result.Manifest.RowCounts)
            {
                Console.WriteLine($"  {TpchSchemas.TableName(table),-9} {rows,12:N0} rows");
            }

            return Task.FromResult(0);
        });
        return new Command("generate", "Generate sample data") { tpch };
    }
}
