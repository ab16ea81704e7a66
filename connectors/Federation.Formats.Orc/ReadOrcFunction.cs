using Federation.Common;
using Federation.Common.Types;
using Federation.Physical.Tables;
using Federation.Storage;

namespace Federation.Formats.Orc;

/// <summary>read_orc('location'): a local file, folder or glob, or an object or prefix in an object store, as a table typed by the file's own type tree.</summary>
public sealed class ReadOrcFunction(ObjectStoreRegistry stores) : ITableFunction
{
    public ReadOrcFunction()
        : this(new ObjectStoreRegistry())
    {
    }

    public string Name => "read_orc";

    public ITableProvider Create(IReadOnlyList<ScalarValue> arguments)
    {
        if (arguments.Count != 1 || arguments[0].Value is not string path)
        {
            throw new FederationException(ErrorCode.InvalidArgument, "read_orc takes one text argument: a file, folder, glob or object store location");
        }

        // Table functions are resolved while binding, which is synchronous: the listing and the tail read are waited for here.
        return OrcTable.OpenAsync(path, stores, CancellationToken.None).GetAwaiter().GetResult();
    }
}
