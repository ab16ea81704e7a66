using System.Text.Json;
using Federation.Common;

namespace Federation.Catalog.Metastore;

/// <summary>
/// The built-in metastore: an <see cref="InMemoryMetastore"/> saved as one JSON document (metastore.json) in the data
/// folder after every change, and loaded from it on open, so the catalog survives restarts. Each save writes a
/// temporary file, flushes it to disk and renames it over the old one: a crash leaves the old document or the new
/// one, never half of either. Changes are serialized; a change whose save fails is undone in memory too.
/// </summary>
public sealed class EmbeddedMetastore : IMetastore
{
    public const string FileName = "metastore.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly string _path;
    private volatile InMemoryMetastore _state;

    private EmbeddedMetastore(string path, InMemoryMetastore state)
    {
        _path = path;
        _state = state;
    }

    /// <summary>The file the catalog lives in.</summary>
    public string Path => _path;

    /// <summary>Opens (or starts) the metastore kept in <paramref name="folder"/>, creating the folder when needed.</summary>
    public static async Task<EmbeddedMetastore> OpenAsync(string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return new EmbeddedMetastore(path, new InMemoryMetastore());
        }

        MetastoreDocument? document;
        try
        {
            await using var stream = File.OpenRead(path);
            document = await JsonSerializer.DeserializeAsync<MetastoreDocument>(stream, Json, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new FederationException(ErrorCode.ObjectReadError, $"the catalog file {path} is not a valid catalog document: {e.Message}", e);
        }

        if (document is null || document.Version != MetastoreDocument.CurrentVersion)
        {
            throw new FederationException(ErrorCode.ObjectReadError,
                $"the catalog file {path} has version {document?.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}; this program reads version {MetastoreDocument.CurrentVersion}");
        }

        return new EmbeddedMetastore(path, new InMemoryMetastore(document));
    }

    public Task<IReadOnlyList<MetastoreDatabase>> ListDatabasesAsync(CancellationToken cancellationToken) => _state.ListDatabasesAsync(cancellationToken);

    public Task<MetastoreDatabase?> GetDatabaseAsync(string name, CancellationToken cancellationToken) => _state.GetDatabaseAsync(name, cancellationToken);

    public Task CreateDatabaseAsync(MetastoreDatabase database, CancellationToken cancellationToken) =>
        ChangeAsync(s => s.CreateDatabaseAsync(database, cancellationToken), cancellationToken);

    public Task DropDatabaseAsync(string name, bool cascade, CancellationToken cancellationToken) =>
        ChangeAsync(s => s.DropDatabaseAsync(name, cascade, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<MetastoreTable>> ListTablesAsync(string database, CancellationToken cancellationToken) => _state.ListTablesAsync(database, cancellationToken);

    public Task<MetastoreTable?> GetTableAsync(string database, string table, CancellationToken cancellationToken) =>
        _state.GetTableAsync(database, table, cancellationToken);

    public Task CreateTableAsync(MetastoreTable table, CancellationToken cancellationToken) =>
        ChangeAsync(s => s.CreateTableAsync(table, cancellationToken), cancellationToken);

    public Task AlterTableAsync(MetastoreTable table, CancellationToken cancellationToken) =>
        ChangeAsync(s => s.AlterTableAsync(table, cancellationToken), cancellationToken);

    public Task DropTableAsync(string database, string table, CancellationToken cancellationToken) =>
        ChangeAsync(s => s.DropTableAsync(database, table, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<MetastorePartition>> ListPartitionsAsync(string database, string table, CancellationToken cancellationToken) =>
        _state.ListPartitionsAsync(database, table, cancellationToken);

    public Task AddPartitionsAsync(string database, string table, IReadOnlyList<MetastorePartition> partitions, CancellationToken cancellationToken) =>
        ChangeAsync(s => s.AddPartitionsAsync(database, table, partitions, cancellationToken), cancellationToken);

    public Task DropPartitionsAsync(string database, string table, IReadOnlyList<IReadOnlyList<string?>> values, CancellationToken cancellationToken) =>
        ChangeAsync(s => s.DropPartitionsAsync(database, table, values, cancellationToken), cancellationToken);

    public Task AlterPartitionAsync(string database, string table, MetastorePartition partition, CancellationToken cancellationToken) =>
        ChangeAsync(s => s.AlterPartitionAsync(database, table, partition, cancellationToken), cancellationToken);

    /// <summary>Applies one change and saves the result; if saving fails, the change is undone and the error reported.</summary>
    private async Task ChangeAsync(Func<InMemoryMetastore, Task> change, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var before = _state.ToDocument();
            await change(_state).ConfigureAwait(false);
            try
            {
                await SaveAsync(_state.ToDocument()).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _state = new InMemoryMetastore(before);
                throw new FederationException(ErrorCode.ObjectReadError, $"could not save the catalog to {_path}: {e.Message}; the change was not made", e);
            }
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Write-then-rename (<see cref="AtomicFile"/>). Not cancellable: once a change is made in memory, it is saved or undone.</summary>
    private Task SaveAsync(MetastoreDocument document) =>
        AtomicFile.ReplaceAsync(_path, stream => JsonSerializer.SerializeAsync(stream, document, Json, CancellationToken.None));
}
