using Federation.Common;
using Federation.Common.Types;
using Federation.Physical.Tables;
using Federation.Storage;

namespace Federation.Formats.Parquet;

/// <summary>
/// read_parquet('location'): a local file, folder (with Hive partition folders) or glob, or an object or prefix in
/// an object store (s3://bucket/prefix/), as a table.
/// </summary>
public sealed class ReadParquetFunction(ObjectStoreRegistry stores) : ITableFunction
{
    public ReadParquetFunction()
        : this(new ObjectStoreRegistry())
    {
    }

    public string Name => "read_parquet";

    public ITableProvider Create(IReadOnlyList<ScalarValue> arguments)
    {
        if (arguments.Count != 1 || arguments[0].Value is not string path)
        {
            throw new FederationException(ErrorCode.InvalidArgument, "read_parquet takes one text argument: a file, folder, glob or object store location");
        }

        // Table functions are resolved while binding, which is synchronous: the listing and footer reads are
        // waited for here. (External tables, whose files are listed at scan time, do not block.)
        return ParquetTable.OpenAsync(path, path, stores, ObjectReadOptions.Default, CancellationToken.None).GetAwaiter().GetResult();
    }
}
