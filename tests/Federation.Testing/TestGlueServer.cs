using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Federation.Testing;

/// <summary>
/// A Glue Data Catalog endpoint on a loopback port (HttpListener) speaking the JSON 1.1 protocol: it holds databases,
/// tables and partitions as Glue's JSON shapes, checks every request's SigV4 signature itself (written here from the
/// SigV4 specification, not with the client's signer: an unknown key is 400 UnrecognizedClientException, a wrong
/// secret 403 InvalidSignatureException, as AWS answers), pages GetPartitions by <see cref="PageSize"/>, answers
/// ThrottlingException for the next calls on demand, and records the Expressions and Segments GetPartitions got.
/// Its Expression evaluator knows equality and IN over one key joined by AND; anything else returns every partition
/// of the segment (allowed: the engine checks every partition again).
/// </summary>
public sealed class TestGlueServer : IAsyncDisposable
{
    public const string AccessKey = "AKIDGLUETEST";
    public const string SecretKey = "glue-test-secret";

    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly object _lock = new();
    private readonly Dictionary<string, JsonObject> _databases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<JsonObject>> _partitions = new(StringComparer.Ordinal);
    private int _throttle;
    private int _fail;
    private int _failStatus = 500;
    private int _garbage;
    private int _unprocessed;
    private int _partitionsSent;
    private int _failedCalls;

    public TestGlueServer()
    {
        // A free port: bind port 0, read it, release it, then listen there.
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}/";

    /// <summary>Partitions per GetPartitions page.</summary>
    public int PageSize { get; set; } = 1000;

    public ConcurrentQueue<string> Expressions { get; } = new();

    public ConcurrentQueue<(int Number, int Total)> Segments { get; } = new();

    public ConcurrentQueue<string> Operations { get; } = new();

    /// <summary>How many partitions each BatchGetPartition call asked for.</summary>
    public ConcurrentQueue<int> BatchGetSizes { get; } = new();

    /// <summary>The next <paramref name="calls"/> calls answer 400 ThrottlingException.</summary>
    public void ThrottleNext(int calls) => Interlocked.Exchange(ref _throttle, calls);

    public int ThrottledCalls { get; private set; }

    /// <summary>The next <paramref name="calls"/> calls answer HTTP <paramref name="status"/> with InternalServiceException, as Glue does when it fails on its side.</summary>
    public void FailNext(int calls, int status = 500)
    {
        _failStatus = status;
        Interlocked.Exchange(ref _fail, calls);
    }

    /// <summary>Calls answered with the failure <see cref="FailNext"/> asked for.</summary>
    public int FailedCalls => Volatile.Read(ref _failedCalls);

    /// <summary>The next <paramref name="calls"/> calls answer 200 with a body that is not JSON (a proxy's error page, a cut connection).</summary>
    public void AnswerGarbageNext(int calls = 1) => Interlocked.Exchange(ref _garbage, calls);

    /// <summary>GetPartitions with an Expression answers InvalidInputException, as Glue does for an expression it cannot evaluate.</summary>
    public bool RefuseExpressions { get; set; }

    /// <summary>The next BatchGetPartition leaves its last <paramref name="keys"/> keys in UnprocessedKeys, as Glue may under load.</summary>
    public void LeaveUnprocessedNext(int keys) => Interlocked.Exchange(ref _unprocessed, keys);

    /// <summary>Partitions sent in GetPartitions and BatchGetPartition answers since the last <see cref="ClearRecords"/>.</summary>
    public int PartitionsSent => Volatile.Read(ref _partitionsSent);

    /// <summary>Forgets the recorded operations, expressions, segments and the count of partitions sent.</summary>
    public void ClearRecords()
    {
        Operations.Clear();
        Expressions.Clear();
        Segments.Clear();
        Interlocked.Exchange(ref _partitionsSent, 0);
    }

    public void AddDatabase(string name)
    {
        lock (_lock)
        {
            _databases[name] = new JsonObject { ["Name"] = name, ["Parameters"] = new JsonObject() };
        }
    }

    /// <summary>A Parquet table whose columns and partition keys are (name, Hive type) pairs.</summary>
    public void AddParquetTable(string database, string name, string location, IReadOnlyList<(string Name, string Type)> columns, IReadOnlyList<(string Name, string Type)> keys)
    {
        var table = new JsonObject
        {
            ["Name"] = name,
            ["DatabaseName"] = database,
            ["TableType"] = "EXTERNAL_TABLE",
            ["StorageDescriptor"] = Descriptor(location, columns),
            ["PartitionKeys"] = Columns(keys),
            ["Parameters"] = new JsonObject { ["classification"] = "parquet", ["EXTERNAL"] = "TRUE" },
        };
        lock (_lock)
        {
            _tables[$"{database}.{name}"] = table;
            _partitions[$"{database}.{name}"] = [];
        }
    }

    public void AddPartition(string database, string table, IReadOnlyList<string> values, string location)
    {
        var partition = new JsonObject
        {
            ["Values"] = new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()),
            ["DatabaseName"] = database,
            ["TableName"] = table,
            ["StorageDescriptor"] = new JsonObject { ["Location"] = location },
        };
        lock (_lock)
        {
            _partitions[$"{database}.{table}"].Add(partition);
        }
    }

    public JsonObject? Table(string database, string name)
    {
        lock (_lock)
        {
            return _tables.GetValueOrDefault($"{database}.{name}")?.DeepClone().AsObject();
        }
    }

    public int PartitionCount(string database, string table)
    {
        lock (_lock)
        {
            return _partitions.TryGetValue($"{database}.{table}", out var list) ? list.Count : 0;
        }
    }

    public bool HasDatabase(string name)
    {
        lock (_lock)
        {
            return _databases.ContainsKey(name);
        }
    }

    private static JsonObject Descriptor(string location, IReadOnlyList<(string Name, string Type)> columns) => new()
    {
        ["Columns"] = Columns(columns),
        ["Location"] = location,
        ["InputFormat"] = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
        ["OutputFormat"] = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
        ["SerdeInfo"] = new JsonObject { ["SerializationLibrary"] = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", ["Parameters"] = new JsonObject() },
    };

    private static JsonArray Columns(IReadOnlyList<(string Name, string Type)> columns) =>
        new(columns.Select(c => (JsonNode)new JsonObject { ["Name"] = c.Name, ["Type"] = c.Type }).ToArray());

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.InputStream.CopyToAsync(buffer).ConfigureAwait(false);
        var body = buffer.ToArray();
        int status;
        JsonNode answer;
        try
        {
            (status, answer) = Answer(request, body);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or NullReferenceException)
        {
            (status, answer) = Fault(400, "InvalidInputException", e.Message);
        }

        var bytes = Interlocked.Decrement(ref _garbage) >= 0 ? "<html>502 Bad Gateway</html>"u8.ToArray() : Encoding.UTF8.GetBytes(answer.ToJsonString());
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        context.Response.Close();
    }

    private static (int, JsonNode) Fault(int status, string type, string message) => (status, new JsonObject { ["__type"] = type, ["message"] = message });

    private (int, JsonNode) Answer(HttpListenerRequest request, byte[] body)
    {
        if (Verify(request, body) is { } refused)
        {
            return refused;
        }

        var target = request.Headers["X-Amz-Target"] ?? "";
        if (!target.StartsWith("AWSGlue.", StringComparison.Ordinal) || request.ContentType != "application/x-amz-json-1.1")
        {
            return Fault(400, "UnknownOperationException", $"target '{target}', content type '{request.ContentType}'");
        }

        if (Interlocked.Decrement(ref _fail) >= 0)
        {
            Interlocked.Increment(ref _failedCalls);
            return Fault(_failStatus, "InternalServiceException", "Internal service error");
        }

        Interlocked.Exchange(ref _fail, 0);
        if (Interlocked.Decrement(ref _throttle) >= 0)
        {
            ThrottledCalls++;
            return Fault(400, "ThrottlingException", "Rate exceeded");
        }

        Interlocked.Exchange(ref _throttle, 0);
        var operation = target["AWSGlue.".Length..];
        Operations.Enqueue(operation);
        var input = JsonNode.Parse(body)!.AsObject();
        lock (_lock)
        {
            return Operation(operation, input);
        }
    }

    private (int, JsonNode) Operation(string operation, JsonObject input)
    {
        string Text(string name) => input[name]!.GetValue<string>();
        string TableKey() => $"{Text("DatabaseName")}.{Text(input.ContainsKey("TableName") ? "TableName" : "Name")}";
        switch (operation)
        {
            case "GetDatabases":
                return (200, new JsonObject { ["DatabaseList"] = new JsonArray(_databases.Values.Select(d => d.DeepClone()).ToArray()) });
            case "GetDatabase":
                return _databases.TryGetValue(Text("Name"), out var database)
                    ? (200, new JsonObject { ["Database"] = database.DeepClone() })
                    : Fault(400, "EntityNotFoundException", $"Database {Text("Name")} not found.");
            case "CreateDatabase":
                var databaseInput = input["DatabaseInput"]!.AsObject();
                var newName = databaseInput["Name"]!.GetValue<string>();
                if (_databases.ContainsKey(newName))
                {
                    return Fault(400, "AlreadyExistsException", $"Database {newName} already exists.");
                }

                _databases[newName] = databaseInput.DeepClone().AsObject();
                return (200, new JsonObject());
            case "DeleteDatabase":
                if (!_databases.Remove(Text("Name")))
                {
                    return Fault(400, "EntityNotFoundException", $"Database {Text("Name")} not found.");
                }

                foreach (var key in _tables.Keys.Where(k => k.StartsWith(Text("Name") + ".", StringComparison.Ordinal)).ToArray())
                {
                    _tables.Remove(key);
                    _partitions.Remove(key);
                }

                return (200, new JsonObject());
            case "GetTables":
                if (!_databases.ContainsKey(Text("DatabaseName")))
                {
                    return Fault(400, "EntityNotFoundException", $"Database {Text("DatabaseName")} not found.");
                }

                return (200, new JsonObject
                {
                    ["TableList"] = new JsonArray(_tables.Values.Where(t => t["DatabaseName"]!.GetValue<string>() == Text("DatabaseName")).Select(t => t.DeepClone()).ToArray()),
                });
            case "GetTable":
                return _tables.TryGetValue(TableKey(), out var table)
                    ? (200, new JsonObject { ["Table"] = table.DeepClone() })
                    : Fault(400, "EntityNotFoundException", $"Table {Text("Name")} not found.");
            case "CreateTable":
            case "UpdateTable":
                var tableInput = input["TableInput"]!.DeepClone().AsObject();
                tableInput["DatabaseName"] = Text("DatabaseName");
                var tableKey = $"{Text("DatabaseName")}.{tableInput["Name"]!.GetValue<string>()}";
                if (operation == "CreateTable" && _tables.ContainsKey(tableKey))
                {
                    return Fault(400, "AlreadyExistsException", $"Table {tableKey} already exists.");
                }

                if (operation == "UpdateTable" && !_tables.ContainsKey(tableKey))
                {
                    return Fault(400, "EntityNotFoundException", $"Table {tableKey} not found.");
                }

                _tables[tableKey] = tableInput;
                if (operation == "CreateTable")
                {
                    _partitions[tableKey] = [];
                }

                return (200, new JsonObject());
            case "DeleteTable":
                if (!_tables.Remove(TableKey()))
                {
                    return Fault(400, "EntityNotFoundException", $"Table {Text("Name")} not found.");
                }

                _partitions.Remove(TableKey());
                return (200, new JsonObject());
            case "GetPartitions":
                return GetPartitions(input, TableKey());
            case "BatchGetPartition":
            {
                if (!_partitions.TryGetValue(TableKey(), out var list))
                {
                    return Fault(400, "EntityNotFoundException", $"Table {TableKey()} not found.");
                }

                var wanted = input["PartitionsToGet"]!.AsArray();
                if (wanted.Count > 1000)
                {
                    return Fault(400, "InvalidInputException", "1 validation error detected: Value at 'partitionsToGet' failed to satisfy constraint: Member must have length less than or equal to 1000");
                }

                BatchGetSizes.Enqueue(wanted.Count);
                var unprocessed = Math.Min(Interlocked.Exchange(ref _unprocessed, 0), wanted.Count);
                var found = new JsonArray();
                var left = new JsonArray();
                for (var i = 0; i < wanted.Count; i++)
                {
                    if (i >= wanted.Count - unprocessed)
                    {
                        left.Add(wanted[i]!.DeepClone());
                        continue;
                    }

                    var values = wanted[i]!["Values"]!.ToJsonString();
                    if (list.FirstOrDefault(p => p["Values"]!.ToJsonString() == values) is { } partition)
                    {
                        found.Add(partition.DeepClone());
                    }
                }

                Interlocked.Add(ref _partitionsSent, found.Count);
                return (200, new JsonObject { ["Partitions"] = found, ["UnprocessedKeys"] = left });
            }

            case "BatchCreatePartition":
            {
                var list = _partitions[TableKey()];
                var errors = new JsonArray();
                foreach (var entry in input["PartitionInputList"]!.AsArray())
                {
                    var values = entry!["Values"]!.ToJsonString();
                    if (list.Any(p => p["Values"]!.ToJsonString() == values))
                    {
                        errors.Add(new JsonObject
                        {
                            ["PartitionValues"] = entry["Values"]!.DeepClone(),
                            ["ErrorDetail"] = new JsonObject { ["ErrorCode"] = "AlreadyExistsException", ["ErrorMessage"] = "Partition already exists." },
                        });
                        continue;
                    }

                    var partition = entry.DeepClone().AsObject();
                    partition["DatabaseName"] = Text("DatabaseName");
                    partition["TableName"] = Text("TableName");
                    list.Add(partition);
                }

                return (200, new JsonObject { ["Errors"] = errors });
            }

            case "UpdatePartition":
            {
                if (!_partitions.TryGetValue(TableKey(), out var list))
                {
                    return Fault(400, "EntityNotFoundException", $"Table {TableKey()} not found.");
                }

                var values = input["PartitionValueList"]!.ToJsonString();
                var index = list.FindIndex(p => p["Values"]!.ToJsonString() == values);
                if (index < 0)
                {
                    return Fault(400, "EntityNotFoundException", "Partition not found.");
                }

                var partition = input["PartitionInput"]!.DeepClone().AsObject();
                partition["DatabaseName"] = Text("DatabaseName");
                partition["TableName"] = Text("TableName");
                list[index] = partition;
                return (200, new JsonObject());
            }

            case "BatchDeletePartition":
            {
                var list = _partitions[TableKey()];
                var errors = new JsonArray();
                foreach (var entry in input["PartitionsToDelete"]!.AsArray())
                {
                    var values = entry!["Values"]!.ToJsonString();
                    if (list.RemoveAll(p => p["Values"]!.ToJsonString() == values) == 0)
                    {
                        errors.Add(new JsonObject
                        {
                            ["PartitionValues"] = entry["Values"]!.DeepClone(),
                            ["ErrorDetail"] = new JsonObject { ["ErrorCode"] = "EntityNotFoundException", ["ErrorMessage"] = "Partition not found." },
                        });
                    }
                }

                return (200, new JsonObject { ["Errors"] = errors });
            }

            default:
                return Fault(400, "UnknownOperationException", $"operation {operation} is not served here");
        }
    }

    private (int, JsonNode) GetPartitions(JsonObject input, string tableKey)
    {
        if (!_partitions.TryGetValue(tableKey, out var all))
        {
            return Fault(400, "EntityNotFoundException", $"Table {tableKey} not found.");
        }

        var keys = _tables[tableKey]["PartitionKeys"]!.AsArray().Select(k => k!["Name"]!.GetValue<string>()).ToArray();
        var expression = input["Expression"]?.GetValue<string>();
        if (expression is not null && input["NextToken"] is null)
        {
            Expressions.Enqueue(expression);
        }

        if (expression is not null && RefuseExpressions)
        {
            return Fault(400, "InvalidInputException", $"Unsupported expression '{expression}'");
        }

        var selected = all.AsEnumerable();
        if (input["Segment"] is JsonObject segment)
        {
            var number = segment["SegmentNumber"]!.GetValue<int>();
            var total = segment["TotalSegments"]!.GetValue<int>();
            if (input["NextToken"] is null)
            {
                Segments.Enqueue((number, total));
            }

            selected = selected.Where((_, i) => i % total == number);
        }

        if (expression is not null && Conditions(expression) is { } conditions)
        {
            selected = selected.Where(p => conditions.All(c =>
            {
                var index = Array.IndexOf(keys, c.Key);
                return index >= 0 && c.Values.Contains(p["Values"]![index]!.GetValue<string>());
            }));
        }

        var start = input["NextToken"] is JsonValue token ? int.Parse(token.GetValue<string>(), CultureInfo.InvariantCulture) : 0;
        var matching = selected.ToArray();
        var page = matching.Skip(start).Take(PageSize).Select(p => p.DeepClone()).ToArray();
        if (input["ExcludeColumnSchema"]?.GetValue<bool>() == true)
        {
            foreach (var partition in page)
            {
                partition!["StorageDescriptor"]?.AsObject().Remove("Columns");
            }
        }

        Interlocked.Add(ref _partitionsSent, page.Length);
        var answer = new JsonObject { ["Partitions"] = new JsonArray(page) };
        if (start + PageSize < matching.Length)
        {
            answer["NextToken"] = (start + PageSize).ToString(CultureInfo.InvariantCulture);
        }

        return (200, answer);
    }

    /// <summary>key = 'v' / key = n / key IN (...) joined by AND; null for anything else (then every partition).</summary>
    private static List<(string Key, string[] Values)>? Conditions(string expression)
    {
        var conditions = new List<(string, string[])>();
        foreach (var part in expression.Split(" AND ", StringSplitOptions.TrimEntries))
        {
            if (part.Contains(" OR ", StringComparison.Ordinal) || part.StartsWith('('))
            {
                return null;
            }

            var eq = part.IndexOf(" = ", StringComparison.Ordinal);
            var inList = part.IndexOf(" IN (", StringComparison.Ordinal);
            if (eq > 0)
            {
                conditions.Add((part[..eq], [part[(eq + 3)..].Trim('\'')]));
            }
            else if (inList > 0 && part.EndsWith(')'))
            {
                conditions.Add((part[..inList], part[(inList + 5)..^1].Split(',', StringSplitOptions.TrimEntries).Select(v => v.Trim('\'')).ToArray()));
            }
            else
            {
                return null;
            }
        }

        return conditions;
    }

    /// <summary>SigV4 as the specification defines it; null when the signature holds, else the error AWS answers.</summary>
    private static (int, JsonNode)? Verify(HttpListenerRequest request, byte[] body)
    {
        var authorization = request.Headers["Authorization"];
        var amzDate = request.Headers["X-Amz-Date"];
        if (authorization is null || amzDate is null || !authorization.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal))
        {
            return Fault(400, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        var fields = authorization["AWS4-HMAC-SHA256 ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
        var scope = fields["Credential"].Split('/');
        if (scope[0] != AccessKey)
        {
            return Fault(400, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        var signedHeaders = fields["SignedHeaders"];
        var canonical = new StringBuilder();
        canonical.Append(request.HttpMethod).Append('\n').Append(request.Url!.AbsolutePath).Append('\n').Append(request.Url.Query.TrimStart('?')).Append('\n');
        foreach (var name in signedHeaders.Split(';'))
        {
            canonical.Append(name).Append(':').Append((request.Headers[name] ?? "").Trim()).Append('\n');
        }

        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(Convert.ToHexStringLower(SHA256.HashData(body)));
        var credentialScope = string.Join('/', scope.Skip(1));
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{credentialScope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + SecretKey);
        foreach (var part in scope.Skip(1))
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(toSign)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(fields["Signature"]))
            ? null
            : Fault(403, "InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.");
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(false);
    }
}
