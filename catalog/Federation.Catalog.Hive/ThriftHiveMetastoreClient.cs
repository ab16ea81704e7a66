using System.Collections.Concurrent;
using System.Net.Sockets;
using Federation.Catalog.Hive.Api;
using Federation.Catalog.Hive.Thrift;
using Federation.Common;

namespace Federation.Catalog.Hive;

/// <summary>
/// The calls of Hive's ThriftHiveMetastore service that Federation makes, over a small pool of connections to one
/// metastore. Names, argument ids and types, and the declared exceptions follow hive_metastore.thrift. A connection
/// that breaks is closed; a call that failed on a reused idle connection (the metastore restarted, a proxy dropped
/// it) is tried once more on a new one. A metastore that cannot be reached is a CatalogUnavailable error naming
/// host:port and the cause. Declared exceptions surface as <see cref="HiveServiceException"/>.
/// </summary>
public sealed class ThriftHiveMetastoreClient : IDisposable
{
    private static readonly string[] MetaOnly = ["MetaException"];
    private static readonly string[] NoSuchThenMeta = ["NoSuchObjectException", "MetaException"];
    private static readonly string[] MetaThenNoSuch = ["MetaException", "NoSuchObjectException"];

    private readonly ConcurrentBag<HiveConnection> _idle = [];

    /// <summary>Whether the metastore has get_table_req: null until the first table look-up tells (Hive 1.x lacks it; 4.0.1 lacks get_table).</summary>
    private volatile StrongBox? _hasTableRequest;

    public ThriftHiveMetastoreClient(HiveMetastoreOptions options)
    {
        Options = options;
    }

    public HiveMetastoreOptions Options { get; }

    public Task<List<string>> GetAllDatabasesAsync(CancellationToken cancellationToken) =>
        CallAsync("get_all_databases", _ => { }, StringList, MetaOnly, cancellationToken)!;

    public Task<HiveDatabase?> GetDatabaseAsync(string name, CancellationToken cancellationToken) =>
        CallAsync("get_database", w => w.StringField(1, name), Struct(HiveStructs.ReadDatabase), NoSuchThenMeta, cancellationToken);

    public Task<List<string>> GetAllTablesAsync(string database, CancellationToken cancellationToken) =>
        CallAsync("get_all_tables", w => w.StringField(1, database), StringList, MetaOnly, cancellationToken)!;

    /// <summary>
    /// get_table_req (GetTableRequest 1 dbName, 2 tblName; GetTableResult 1 table), or get_table(1 dbname, 2 tbl_name)
    /// where the metastore answers UNKNOWN_METHOD for it (Hive 1.x); the answer is remembered for this metastore.
    /// </summary>
    public async Task<HiveTable?> GetTableAsync(string database, string table, CancellationToken cancellationToken)
    {
        if (_hasTableRequest is not { Value: false })
        {
            try
            {
                var result = await CallAsync("get_table_req", w =>
                {
                    w.FieldBegin(ThriftType.Struct, 1);
                    w.StringField(1, database);
                    w.StringField(2, table);
                    w.FieldStop();
                }, Struct(ReadTableResult), MetaThenNoSuch, cancellationToken).ConfigureAwait(false);
                _hasTableRequest = StrongBox.True;
                return result;
            }
            catch (ThriftApplicationException e) when (e.Kind == ThriftApplicationException.UnknownMethod && _hasTableRequest is null)
            {
                _hasTableRequest = StrongBox.False;
            }
        }

        return await CallAsync("get_table", w =>
        {
            w.StringField(1, database);
            w.StringField(2, table);
        }, Struct(HiveStructs.ReadTable), MetaThenNoSuch, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What the metastore told about get_table_req: true, false, or null before any table was looked up.</summary>
    public bool? HasTableRequest => _hasTableRequest?.Value;

    public Task<List<HivePartition>> GetPartitionsAsync(string database, string table, CancellationToken cancellationToken) =>
        CallAsync("get_partitions", w =>
        {
            w.StringField(1, database);
            w.StringField(2, table);
            w.FieldBegin(ThriftType.I16, 3);
            w.I16(-1);
        }, Partitions, NoSuchThenMeta, cancellationToken)!;

    public Task<List<string>> GetPartitionNamesAsync(string database, string table, CancellationToken cancellationToken) =>
        CallAsync("get_partition_names", w =>
        {
            w.StringField(1, database);
            w.StringField(2, table);
            w.FieldBegin(ThriftType.I16, 3);
            w.I16(-1);
        }, StringList, NoSuchThenMeta, cancellationToken)!;

    public Task<List<HivePartition>> GetPartitionsByNamesAsync(string database, string table, IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        CallAsync("get_partitions_by_names", w =>
        {
            w.StringField(1, database);
            w.StringField(2, table);
            w.StringListField(3, names);
        }, Partitions, MetaThenNoSuch, cancellationToken)!;

    public Task<List<HivePartition>> GetPartitionsByFilterAsync(string database, string table, string filter, CancellationToken cancellationToken) =>
        CallAsync("get_partitions_by_filter", w =>
        {
            w.StringField(1, database);
            w.StringField(2, table);
            w.StringField(3, filter);
            w.FieldBegin(ThriftType.I16, 4);
            w.I16(-1);
        }, Partitions, MetaThenNoSuch, cancellationToken)!;

    public Task CreateDatabaseAsync(HiveDatabase database, CancellationToken cancellationToken) =>
        CallAsync<bool>("create_database", w =>
        {
            w.FieldBegin(ThriftType.Struct, 1);
            HiveStructs.Write(w, database);
        }, null, ["AlreadyExistsException", "InvalidObjectException", "MetaException"], cancellationToken);

    public Task CreateTableAsync(HiveTable table, CancellationToken cancellationToken) =>
        CallAsync<bool>("create_table", w =>
        {
            w.FieldBegin(ThriftType.Struct, 1);
            HiveStructs.Write(w, table);
        }, null, ["AlreadyExistsException", "InvalidObjectException", "MetaException", "NoSuchObjectException"], cancellationToken);

    public Task AlterTableAsync(string database, string name, HiveTable table, CancellationToken cancellationToken) =>
        CallAsync<bool>("alter_table", w =>
        {
            w.StringField(1, database);
            w.StringField(2, name);
            w.FieldBegin(ThriftType.Struct, 3);
            HiveStructs.Write(w, table);
        }, null, ["InvalidOperationException", "MetaException"], cancellationToken);

    /// <summary>drop_table(1 dbname, 2 name, 3 deleteData): Federation never deletes data, so deleteData is false.</summary>
    public Task DropTableAsync(string database, string name, CancellationToken cancellationToken) =>
        CallAsync<bool>("drop_table", w =>
        {
            w.StringField(1, database);
            w.StringField(2, name);
            w.BoolField(3, false);
        }, null, NoSuchThenMeta, cancellationToken);

    public Task AddPartitionsAsync(IReadOnlyList<HivePartition> partitions, CancellationToken cancellationToken) =>
        CallAsync("add_partitions", w => HiveStructs.WritePartitionList(w, 1, partitions), I32,
            ["InvalidObjectException", "AlreadyExistsException", "MetaException"], cancellationToken);

    public Task DropPartitionAsync(string database, string table, IReadOnlyList<string> values, CancellationToken cancellationToken) =>
        CallAsync("drop_partition", w =>
        {
            w.StringField(1, database);
            w.StringField(2, table);
            w.StringListField(3, values);
            w.BoolField(4, false);
        }, Bool, NoSuchThenMeta, cancellationToken);

    /// <summary>
    /// drop_partitions_req(1 DropPartitionsRequest: 1 dbName, 2 tblName, 3 parts, a RequestPartsSpec union whose 1 is
    /// names, 4 deleteData, 5 ifExists, 8 needResult), answered by a DropPartitionsResult we do not need. With
    /// ifExists false the metastore drops all the named partitions or, when one is missing, none
    /// (NoSuchObjectException). Federation never deletes data and asks for no result.
    /// </summary>
    public Task DropPartitionsAsync(string database, string table, IReadOnlyList<string> names, bool ifExists, CancellationToken cancellationToken) =>
        CallAsync("drop_partitions_req", w =>
        {
            w.FieldBegin(ThriftType.Struct, 1);
            w.StringField(1, database);
            w.StringField(2, table);
            w.FieldBegin(ThriftType.Struct, 3);
            w.StringListField(1, names);
            w.FieldStop();
            w.BoolField(4, false);
            w.BoolField(5, ifExists);
            w.BoolField(8, false);
            w.FieldStop();
        }, Struct(SkipStruct), NoSuchThenMeta, cancellationToken);

    public Task AlterPartitionAsync(string database, string table, HivePartition partition, CancellationToken cancellationToken) =>
        CallAsync<bool>("alter_partition", w =>
        {
            w.StringField(1, database);
            w.StringField(2, table);
            w.FieldBegin(ThriftType.Struct, 3);
            HiveStructs.Write(w, partition);
        }, null, ["InvalidOperationException", "MetaException"], cancellationToken);

    private static List<string> StringList(ThriftReader r, ThriftType type) => type == ThriftType.List ? r.StringList() : throw Unexpected(type);

    private static List<HivePartition> Partitions(ThriftReader r, ThriftType type) => type == ThriftType.List ? HiveStructs.ReadPartitionList(r) : throw Unexpected(type);

    private static int I32(ThriftReader r, ThriftType type) => type == ThriftType.I32 ? r.I32() : throw Unexpected(type);

    private static bool Bool(ThriftReader r, ThriftType type) => type == ThriftType.Bool ? r.Bool() : throw Unexpected(type);

    private static Func<ThriftReader, ThriftType, T> Struct<T>(Func<ThriftReader, T> read) =>
        (r, type) => type == ThriftType.Struct ? read(r) : throw Unexpected(type);

    private static bool SkipStruct(ThriftReader r)
    {
        r.Skip(ThriftType.Struct);
        return true;
    }

    private static HiveTable ReadTableResult(ThriftReader r)
    {
        HiveTable? table = null;
        while (r.FieldBegin() is var (type, id) && type != ThriftType.Stop)
        {
            if (id == 1 && type == ThriftType.Struct)
            {
                table = HiveStructs.ReadTable(r);
            }
            else
            {
                r.Skip(type);
            }
        }

        return table ?? throw new ThriftProtocolException("GetTableResult without its table");
    }

    private static ThriftProtocolException Unexpected(ThriftType type) => new($"a result of type {type} where the IDL declares another");

    private async Task<T?> CallAsync<T>(string method, Action<ThriftWriter> arguments, Func<ThriftReader, ThriftType, T>? success,
        IReadOnlyList<string> exceptions, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var reused = _idle.TryTake(out var connection);
            try
            {
                connection ??= await OpenAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or HiveServiceException or ThriftProtocolException
                                      && !cancellationToken.IsCancellationRequested)
            {
                throw Unavailable($"cannot connect: {Cause(e)}", e);
            }

            try
            {
                var result = await connection.CallAsync(method, arguments, success, exceptions, Options.ReadTimeout, cancellationToken).ConfigureAwait(false);
                Return(connection);
                return result;
            }
            catch (Exception e) when (e is HiveServiceException or ThriftApplicationException && !connection.Broken)
            {
                Return(connection);
                throw;
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ThriftProtocolException or HiveServiceException
                                          or ThriftApplicationException)
            {
                connection.Dispose();
                if (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                if (reused && attempt == 0 && e is not OperationCanceledException)
                {
                    continue;
                }

                throw e is OperationCanceledException
                    ? Unavailable($"{method} got no answer within {Options.ReadTimeout.TotalSeconds:0.#} s", e)
                    : Unavailable($"{method} failed: {Cause(e)}", e);
            }
        }
    }

    private async Task<HiveConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await HiveConnection.OpenAsync(Options, cancellationToken).ConfigureAwait(false);
        if (Options.User is { } user)
        {
            try
            {
                await connection.CallAsync("set_ugi", w =>
                {
                    w.StringField(1, user);
                    w.StringListField(2, Options.Groups);
                }, StringList, MetaOnly, Options.ReadTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        return connection;
    }

    private void Return(HiveConnection connection)
    {
        if (_idle.Count < Options.MaxIdleConnections)
        {
            _idle.Add(connection);
        }
        else
        {
            connection.Dispose();
        }
    }

    private static string Cause(Exception e) => e switch
    {
        SocketException s => $"{s.SocketErrorCode}: {s.Message}",
        OperationCanceledException => "timed out",
        _ => e.Message,
    };

    private FederationException Unavailable(string what, Exception inner) =>
        new(ErrorCode.CatalogUnavailable, $"Hive metastore {Options.Address}: {what}", inner);

    public void Dispose()
    {
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }

    /// <summary>A bool the volatile field can hold (null meaning "not known yet").</summary>
    private sealed record StrongBox(bool Value)
    {
        public static readonly StrongBox True = new(true);
        public static readonly StrongBox False = new(false);
    }
}
