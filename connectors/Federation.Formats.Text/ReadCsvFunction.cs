using Federation.Common;
using Federation.Common.Types;
using Federation.Physical.Tables;
using Federation.Storage;

namespace Federation.Formats.Text;

/// <summary>
/// read_csv('location' [, delim => '|', header => true, quote => '"', escape => '"', nullstr => '', columns => 'id int,
/// name varchar', sample_size => 20480]): CSV objects at a local file, folder or glob, or an object or prefix in an
/// object store, as a table (<see cref="CsvTable"/>); the parameters are DuckDB's (<see cref="CsvOptions"/>).
/// </summary>
public sealed class ReadCsvFunction(ObjectStoreRegistry stores) : ITableFunction
{
    public ReadCsvFunction()
        : this(new ObjectStoreRegistry())
    {
    }

    public string Name => "read_csv";

    public IReadOnlyList<string> NamedParameters => CsvOptions.Parameters;

    public ITableProvider Create(IReadOnlyList<ScalarValue> arguments) => Create(arguments, new Dictionary<string, ScalarValue>());

    public ITableProvider Create(IReadOnlyList<ScalarValue> arguments, IReadOnlyDictionary<string, ScalarValue> named)
    {
        if (arguments.Count != 1 || arguments[0].Value is not string path)
        {
            throw new FederationException(ErrorCode.InvalidArgument,
                "read_csv takes one text argument, a file, folder, glob or object store location of CSV files, then parameters by name (delim => '|')");
        }

        var options = CsvOptions.From(named);
        // Table functions are resolved while binding, which is synchronous: the listing and the sample are waited for here.
        return CsvTable.OpenAsync(path, options, stores, CancellationToken.None).GetAwaiter().GetResult();
    }
}
