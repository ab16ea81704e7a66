using Federation.Common;
using Federation.Common.Types;
using Federation.Physical.Tables;

namespace Federation.Formats.Parquet;

/// <summary>read_parquet('path'): a file, a folder of files (with Hive partition folders) or a glob, as a table.</summary>
public sealed class ReadParquetFunction : ITableFunction
{
    public string Name => "read_parquet";

    public ITableProvider Create(IReadOnlyList<ScalarValue> arguments)
    {
        if (arguments.Count != 1 || arguments[0].Value is not string path)
        {
            throw new FederationException(ErrorCode.InvalidArgument, "read_parquet takes one text argument: a file, folder or glob");
        }

        return new ParquetTable(path, path);
    }
}
