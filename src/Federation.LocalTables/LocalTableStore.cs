using Apache.Arrow;
using Federation.Common;
using Federation.Logical.Tables;

namespace Federation.LocalTables;

/// <summary>
/// The local tables of one data folder, one subfolder each. Opening the store finishes what a crash interrupted:
/// a table folder without a manifest (a CREATE that never committed, or a DROP half done) is removed, and so is
/// every file in a table folder that its manifest does not name (segments of a commit that never happened,
/// temporary manifests, segments a TRUNCATE left behind).
/// </summary>
public sealed class LocalTableStore
{
    private readonly List<LocalTable> _opened;

    private LocalTableStore(string root, List<LocalTable> opened, int removedFiles)
    {
        Root = root;
        _opened = opened;
        RemovedFiles = removedFiles;
    }

    public string Root { get; }

    /// <summary>The tables found when the store was opened.</summary>
    public IReadOnlyList<LocalTable> OpenedTables => _opened;

    /// <summary>Files and folders left by interrupted statements that opening removed.</summary>
    public int RemovedFiles { get; }

    public static LocalTableStore Open(string root)
    {
        Directory.CreateDirectory(root);
        var tables = new List<LocalTable>();
        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            if (!File.Exists(ManifestFile.PathIn(folder)))
            {
                Directory.Delete(folder, recursive: true);
                removed++;
                continue;
            }

            var manifest = ManifestFile.Read(folder);
            var named = new HashSet<string>(StringComparer.Ordinal) { ManifestFile.FileName };
            foreach (var group in manifest.RowGroups)
            {
                named.Add(group.File);
            }

            foreach (var file in Directory.EnumerateFiles(folder))
            {
                if (!named.Contains(Path.GetFileName(file)))
                {
                    File.Delete(file);
                    removed++;
                }
            }

            tables.Add(new LocalTable(folder, manifest));
        }

        if (removed > 0)
        {
            DurableFiles.SyncFolder(root);
        }

        return new LocalTableStore(root, tables, removed);
    }

    /// <summary>
    /// A new table holding <paramref name="rows"/> (CREATE TABLE AS: the rows and the table appear in one commit).
    /// Until its first manifest is renamed into place the folder is garbage that the next start removes.
    /// </summary>
    public LocalTable Create(string schema, string name, IReadOnlyList<TableColumn> columns, IReadOnlyList<RecordBatch> rows,
        IReadOnlyList<ColumnEncoding>? encodings = null)
    {
        var chosen = encodings ?? columns.Select(_ => ColumnEncoding.Automatic).ToArray();
        var folder = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            DurableFiles.SyncFolder(Root);
            var groups = SegmentWriter.Write(folder, $"seg-{1:D10}-{Guid.NewGuid():N}.blk", columns, chosen, rows);
            var manifest = new TableManifest(1, schema, name, columns, groups, chosen);
            ManifestFile.Commit(folder, manifest);
            return new LocalTable(folder, manifest);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(folder);
            throw new FederationException(ErrorCode.Internal, $"cannot create local table \"{name}\" in \"{folder}\": {e.Message}", e);
        }
    }

    /// <summary>Removes a table's files: its manifest first (durably), after which the rest is garbage a crash would not bring back.</summary>
    public static void Drop(LocalTable table)
    {
        File.Delete(ManifestFile.PathIn(table.Folder));
        DurableFiles.SyncFolder(table.Folder);
        TryDelete(table.Folder);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // The next start removes a folder without a manifest.
        }
    }
}
