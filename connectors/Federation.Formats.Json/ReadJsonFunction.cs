using Federation.Common;
using Federation.Common.Types;
using Federation.Physical.Tables;
using Federation.Storage;

namespace Federation.Formats.Json;

/// <summary>
/// read_json('location'): JSON-lines objects at a local file, folder or glob, or an object or prefix in an object
/// store (s3://bucket/prefix/), as a table whose columns are inferred from the first
/// <see cref="JsonSchemaInference.SampleLines"/> lines of the first object.
/// </summary>
public sealed class ReadJsonFunction(ObjectStoreRegistry stores) : ITableFunction
{
    public string Name => "read_json";

    public ITableProvider Create(IReadOnlyList<ScalarValue> arguments)
    {
        if (arguments.Count != 1 || arguments[0].Value is not string path)
        {
            throw new FederationException(ErrorCode.InvalidArgument, "read_json takes one text argument: a file, folder, glob or object store location of JSON lines");
        }

        // Table functions are resolved while binding, which is synchronous: the listing and the sample are waited for here.
        return JsonTable.OpenAsync(path, path, stores, CancellationToken.None).GetAwaiter().GetResult();
    }
}
