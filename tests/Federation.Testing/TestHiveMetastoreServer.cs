using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Federation.Catalog.Hive.Api;
using Federation.Catalog.Hive.Thrift;
using Federation.Storage;

namespace Federation.Testing;

/// <summary>
/// A Hive metastore for tests: ThriftHiveMetastore's methods that Federation calls, over real sockets (buffered or
/// framed), holding databases, tables and partitions in memory and recording each call (method and, for
/// get_partitions_by_filter, the filter). It can answer UNKNOWN_METHOD for get_table_req (as Hive 1.x does) or for
/// get_table (as Hive 4.0.1 does), and refuse get_partitions_by_filter with a MetaException (as a real metastore does
/// for filters on non-string keys under direct SQL). It decodes with the same struct code as the client (so a test
/// of field ids must compare bytes, see ThriftProtocolTests), but it is a separate server over TCP.
/// </summary>
public sealed class TestHiveMetastoreServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly ConcurrentBag<TcpClient> _clients = [];
    private readonly object _gate = new();

    private readonly Dictionary<string, HiveDatabase> _databases = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), HiveTable> _tables = [];
    private readonly Dictionary<(string, string), List<HivePartition>> _partitions = [];

    private int _partitionsSent;

    public TestHiveMetastoreServer(ThriftTransport transport = ThriftTransport.Buffered)
    {
        Transport = transport;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public ThriftTransport Transport { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Answer get_table_req with UNKNOWN_METHOD (a Hive 1.x metastore).</summary>
    public bool WithoutGetTableRequest { get; set; }

    /// <summary>Answer get_table with UNKNOWN_METHOD (Hive 4.0.1).</summary>
    public bool WithoutGetTable { get; set; }

    /// <summary>Refuse every get_partitions_by_filter with a MetaException.</summary>
    public bool RefuseFilters { get; set; }

    /// <summary>Calls in the order they arrived: the method, and the filter of get_partitions_by_filter.</summary>
    public ConcurrentQueue<(string Method, string? Detail)> Calls { get; } = new();

    public IReadOnlyList<string> Methods => Calls.Select(c => c.Method).ToArray();

    /// <summary>The drop_partitions_req requests received, with their flags.</summary>
    public ConcurrentQueue<DropPartitionsCall> DropPartitionsCalls { get; } = new();

    /// <summary>Removes a partition behind the clients' backs (another tool dropped it).</summary>
    public void RemovePartition(string database, string table, IReadOnlyList<string> values)
    {
        lock (_gate)
        {
            _partitions[(database, table)].RemoveAll(p => p.Values.SequenceEqual(values));
        }
    }

    /// <summary>Partitions sent in answers (get_partitions, get_partitions_by_names, get_partitions_by_filter) since the last <see cref="ClearCalls"/>: what a look-up fetched, not just how many calls.</summary>
    public int PartitionsSent => Volatile.Read(ref _partitionsSent);

    public void ClearCalls()
    {
        Calls.Clear();
        Interlocked.Exchange(ref _partitionsSent, 0);
    }

    public void AddDatabase(string name)
    {
        lock (_gate)
        {
            _databases[name] = new HiveDatabase(name, null, null, new Dictionary<string, string>());
        }
    }

    public void AddTable(HiveTable table)
    {
        lock (_gate)
        {
            _tables[(table.DbName, table.TableName)] = table;
            _partitions[(table.DbName, table.TableName)] = [];
        }
    }

    public void AddPartition(HivePartition partition)
    {
        lock (_gate)
        {
            _partitions[(partition.DbName, partition.TableName)].Add(partition);
        }
    }

    public HiveTable? Table(string database, string table)
    {
        lock (_gate)
        {
            return _tables.GetValueOrDefault((database, table));
        }
    }

    public IReadOnlyList<HivePartition> Partitions(string database, string table)
    {
        lock (_gate)
        {
            return _partitions.TryGetValue((database, table), out var list) ? list.ToArray() : [];
        }
    }

    /// <summary>Closes every open connection (the client must reconnect).</summary>
    public void DropConnections()
    {
        while (_clients.TryTake(out var client))
        {
            client.Dispose();
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _clients.Add(client);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            var stream = new BufferedStream(client.GetStream());
            while (await ThriftFraming.ReadAsync(stream, Transport, _stop.Token) is { } message)
            {
                var reply = Handle(message);
                await ThriftFraming.WriteAsync(stream, Transport, reply, _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or EndOfStreamException
                                      or ThriftProtocolException)
        {
            // The client went away, sent bytes that are not a message (a transport mismatch), or the server stops.
        }
        finally
        {
            client.Dispose();
        }
    }

    private ReadOnlyMemory<byte> Handle(byte[] message)
    {
        var r = new ThriftReader(message);
        var (method, _, sequence) = r.MessageBegin();
        var w = new ThriftWriter();
        var args = ReadArguments(r, method);
        Calls.Enqueue((method, method == "get_partitions_by_filter" ? (string)args[3] : null));
        if ((method == "get_table_req" && WithoutGetTableRequest) || (method == "get_table" && WithoutGetTable) || !Known.Contains(method))
        {
            w.MessageBegin(method, ThriftMessageType.Exception, sequence);
            w.StringField(1, $"Invalid method name: '{method}'");
            w.I32Field(2, ThriftApplicationException.UnknownMethod);
            w.FieldStop();
            return w.Written;
        }

        w.MessageBegin(method, ThriftMessageType.Reply, sequence);
        lock (_gate)
        {
            Answer(w, method, args);
        }

        w.FieldStop();
        return w.Written;
    }

    private static readonly HashSet<string> Known =
    [
        "get_all_databases", "get_database", "get_all_tables", "get_table_req", "get_table", "get_partitions", "get_partition_names",
        "get_partitions_by_names", "get_partitions_by_filter", "create_database", "create_table", "alter_table", "drop_table",
        "add_partitions", "drop_partition", "drop_partitions_req", "alter_partition", "set_ugi",
    ];

    /// <summary>The call's arguments by field id: strings, bools, i16s, string lists, and structs decoded by the method's IDL types.</summary>
    private static Dictionary<short, object> ReadArguments(ThriftReader r, string method)
    {
        var args = new Dictionary<short, object>();
        while (r.FieldBegin() is var (type, id) && type != ThriftType.Stop)
        {
            args[id] = (type, method, id) switch
            {
                (ThriftType.String, _, _) => r.String(),
                (ThriftType.Bool, _, _) => r.Bool(),
                (ThriftType.I16, _, _) => r.I16(),
                (ThriftType.Struct, "get_table_req", 1) => ReadTableRequest(r),
                (ThriftType.Struct, "create_database", 1) => HiveStructs.ReadDatabase(r),
                (ThriftType.Struct, "create_table", 1) or (ThriftType.Struct, "alter_table", 3) => HiveStructs.ReadTable(r),
                (ThriftType.Struct, "alter_partition", 3) => HiveStructs.ReadPartition(r),
                (ThriftType.Struct, "drop_partitions_req", 1) => ReadDropPartitionsRequest(r),
                (ThriftType.List, "add_partitions", 1) => HiveStructs.ReadPartitionList(r),
                (ThriftType.List, _, _) => r.StringList(),
                _ => throw new ThriftProtocolException($"{method}: unexpected argument {id} of type {type}"),
            };
        }

        return args;
    }

    /// <summary>DropPartitionsRequest: 1 dbName, 2 tblName, 3 parts (RequestPartsSpec: 1 names), 4 deleteData, 5 ifExists (default true), 8 needResult (default true).</summary>
    private static DropPartitionsCall ReadDropPartitionsRequest(ThriftReader r)
    {
        var call = new DropPartitionsCall("", "", [], null, true, true);
        while (r.FieldBegin() is var (type, id) && type != ThriftType.Stop)
        {
            switch (id, type)
            {
                case (1, ThriftType.String):
                    call = call with { Database = r.String() };
                    break;
                case (2, ThriftType.String):
                    call = call with { Table = r.String() };
                    break;
                case (3, ThriftType.Struct):
                    while (r.FieldBegin() is var (partType, partId) && partType != ThriftType.Stop)
                    {
                        if (partId == 1 && partType == ThriftType.List)
                        {
                            call = call with { Names = r.StringList() };
                        }
                        else
                        {
                            r.Skip(partType);
                        }
                    }

                    break;
                case (4, ThriftType.Bool):
                    call = call with { DeleteData = r.Bool() };
                    break;
                case (5, ThriftType.Bool):
                    call = call with { IfExists = r.Bool() };
                    break;
                case (8, ThriftType.Bool):
                    call = call with { NeedResult = r.Bool() };
                    break;
                default:
                    r.Skip(type);
                    break;
            }
        }

        return call;
    }

    private static (string, string) ReadTableRequest(ThriftReader r)
    {
        string db = "", table = "";
        while (r.FieldBegin() is var (type, id) && type != ThriftType.Stop)
        {
            if (id == 1 && type == ThriftType.String)
            {
                db = r.String();
            }
            else if (id == 2 && type == ThriftType.String)
            {
                table = r.String();
            }
            else
            {
                r.Skip(type);
            }
        }

        return (db, table);
    }

    private void Answer(ThriftWriter w, string method, Dictionary<short, object> a)
    {
        switch (method)
        {
            case "set_ugi":
                w.StringListField(0, (List<string>)a[2]);
                break;
            case "get_all_databases":
                w.StringListField(0, _databases.Keys.Order(StringComparer.Ordinal).ToArray());
                break;
            case "get_database":
                if (_databases.TryGetValue((string)a[1], out var database))
                {
                    w.FieldBegin(ThriftType.Struct, 0);
                    HiveStructs.Write(w, database);
                }
                else
                {
                    Exception(w, 1, $"Database {a[1]} not found");
                }

                break;
            case "get_all_tables":
                w.StringListField(0, _tables.Keys.Where(k => k.Item1 == (string)a[1]).Select(k => k.Item2).Order(StringComparer.Ordinal).ToArray());
                break;
            case "get_table_req":
            {
                var key = ((string, string))a[1];
                if (_tables.TryGetValue(key, out var table))
                {
                    w.FieldBegin(ThriftType.Struct, 0);
                    w.FieldBegin(ThriftType.Struct, 1);
                    HiveStructs.Write(w, table);
                    w.FieldStop();
                }
                else
                {
                    Exception(w, 2, $"{key.Item1}.{key.Item2} table not found");
                }

                break;
            }

            case "get_table":
                if (_tables.TryGetValue(((string)a[1], (string)a[2]), out var found))
                {
                    w.FieldBegin(ThriftType.Struct, 0);
                    HiveStructs.Write(w, found);
                }
                else
                {
                    Exception(w, 2, $"{a[1]}.{a[2]} table not found");
                }

                break;
            case "get_partitions" or "get_partition_names" or "get_partitions_by_names" or "get_partitions_by_filter":
            {
                if (!_tables.TryGetValue(((string)a[1], (string)a[2]), out var table))
                {
                    Exception(w, (short)(method is "get_partitions" or "get_partition_names" ? 1 : 2), $"{a[1]}.{a[2]} table not found");
                    break;
                }

                var partitions = _partitions[((string)a[1], (string)a[2])];
                if (method == "get_partition_names")
                {
                    w.StringListField(0, partitions.Select(p => Name(table, p)).ToArray());
                    break;
                }

                IEnumerable<HivePartition> selected = partitions;
                if (method == "get_partitions_by_names")
                {
                    var names = new HashSet<string>((List<string>)a[3], StringComparer.Ordinal);
                    selected = partitions.Where(p => names.Contains(Name(table, p)));
                }
                else if (method == "get_partitions_by_filter")
                {
                    if (RefuseFilters)
                    {
                        Exception(w, 1, "Filtering is supported only on partition keys of type string");
                        break;
                    }

                    var filter = TestFilterEvaluator.Parse((string)a[3]);
                    selected = partitions.Where(p => filter(table.PartitionKeys.Select(k => k.Name).ToArray(), p.Values)).ToArray();
                }

                var answer = selected.ToArray();
                Interlocked.Add(ref _partitionsSent, answer.Length);
                HiveStructs.WritePartitionList(w, 0, answer);
                break;
            }

            case "create_database":
            {
                var created = (HiveDatabase)a[1];
                if (!_databases.TryAdd(created.Name, created))
                {
                    Exception(w, 1, $"Database {created.Name} already exists");
                }

                break;
            }

            case "create_table":
            {
                var table = (HiveTable)a[1];
                if (!_databases.ContainsKey(table.DbName))
                {
                    Exception(w, 4, $"database {table.DbName} does not exist");
                }
                else if (!_tables.TryAdd((table.DbName, table.TableName), table))
                {
                    Exception(w, 1, $"Table {table.DbName}.{table.TableName} already exists");
                }
                else
                {
                    _partitions[(table.DbName, table.TableName)] = [];
                }

                break;
            }

            case "alter_table":
                _tables[((string)a[1], (string)a[2])] = (HiveTable)a[3];
                break;
            case "drop_table":
                if (!_tables.Remove(((string)a[1], (string)a[2])))
                {
                    Exception(w, 1, $"Table {a[1]}.{a[2]} does not exist");
                }

                _partitions.Remove(((string)a[1], (string)a[2]));
                break;
            case "add_partitions":
            {
                var added = (List<HivePartition>)a[1];
                foreach (var partition in added)
                {
                    if (_partitions[(partition.DbName, partition.TableName)].Any(p => p.Values.SequenceEqual(partition.Values)))
                    {
                        Exception(w, 2, $"Partition already exists: {string.Join(",", partition.Values)}");
                        return;
                    }
                }

                foreach (var partition in added)
                {
                    _partitions[(partition.DbName, partition.TableName)].Add(partition);
                }

                w.I32Field(0, added.Count);
                break;
            }

            case "drop_partition":
            {
                var values = (List<string>)a[3];
                var removed = _partitions[((string)a[1], (string)a[2])].RemoveAll(p => p.Values.SequenceEqual(values));
                if (removed == 0)
                {
                    Exception(w, 1, "Partition doesn't exist");
                }
                else
                {
                    w.BoolField(0, true);
                }

                break;
            }

            case "drop_partitions_req":
            {
                // As Hive's HMSHandler: with ifExists false a missing name drops nothing (NoSuchObjectException, naming none).
                var call = (DropPartitionsCall)a[1];
                DropPartitionsCalls.Enqueue(call);
                var table = _tables[(call.Database, call.Table)];
                var list = _partitions[(call.Database, call.Table)];
                var named = list.Where(p => call.Names.Contains(Name(table, p))).ToList();
                if (!call.IfExists && named.Count != call.Names.Distinct().Count())
                {
                    Exception(w, 1, "Some partitions to drop are missing");
                    break;
                }

                list.RemoveAll(named.Contains);
                w.FieldBegin(ThriftType.Struct, 0);
                if (call.NeedResult)
                {
                    HiveStructs.WritePartitionList(w, 1, named);
                }

                w.FieldStop();
                break;
            }

            case "alter_partition":
            {
                var partition = (HivePartition)a[3];
                var list = _partitions[((string)a[1], (string)a[2])];
                var index = list.FindIndex(p => p.Values.SequenceEqual(partition.Values));
                if (index < 0)
                {
                    Exception(w, 1, "alter is not possible: partition does not exist");
                }
                else
                {
                    list[index] = partition;
                }

                break;
            }
        }
    }

    private static string Name(HiveTable table, HivePartition partition) =>
        string.Join("/", table.PartitionKeys.Select((k, i) => $"{k.Name}={PartitionNames.Escape(partition.Values[i] == PartitionNames.DefaultPartition ? null : partition.Values[i])}"));

    /// <summary>A declared exception in result field <paramref name="id"/>: every metastore exception is a struct with 1 message.</summary>
    private static void Exception(ThriftWriter w, short id, string message)
    {
        w.FieldBegin(ThriftType.Struct, id);
        w.StringField(1, message);
        w.FieldStop();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        DropConnections();
        await _accepting;
        _stop.Dispose();
    }
}
