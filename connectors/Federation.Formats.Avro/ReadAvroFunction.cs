using Federation.Common;
using Federation.Common.Types;
using Federation.Physical.Tables;
using Federation.Storage;

namespace Federation.Formats.Avro;

/// <summary>read_avro('location'): a local file, folder or glob, or an object or prefix in an object store, as a table typed by the writer's schema.</summary>
public sealed class ReadAvroFunction(ObjectStoreRegistry stores) : ITableFunction
{
    public ReadAvroFunction()
        : this(new ObjectStoreRegistry())
    {
    }

    public string Name => "read_avro";

    public ITableProvider Create(IReadOnlyList<ScalarValue> arguments)
    {
        if (arguments.Count != 1 || arguments[0].Value is not string path)
        {
            throw new FederationException(ErrorCode.InvalidArgument, "read_avro takes one text argument: a file, folder, glob or object store location");
        }

        // Table functions are resolved while binding, which is synchronous: the listing and the header read are waited for here.
        return AvroTable.OpenAsync(path, stores, CancellationToken.None).GetAwaiter().GetResult();
    }
}
