namespace Federation.LocalTables;

/// <summary>
/// A table folder's current manifest, replaced atomically: the next version goes to a temporary file that is
/// fsynced, renamed over <see cref="FileName"/>, and the folder is fsynced so the rename itself is durable.
/// </summary>
internal static class ManifestFile
{
    public const string FileName = "manifest.json";

    public static string PathIn(string folder) => Path.Combine(folder, FileName);

    public static void Commit(string folder, TableManifest manifest)
    {
        var temporary = Path.Combine(folder, $"manifest-{manifest.Version}.tmp");
        DurableFiles.WriteNew(temporary, ManifestSerializer.Write(manifest));
        File.Move(temporary, PathIn(folder), overwrite: true);
        DurableFiles.SyncFolder(folder);
    }

    public static TableManifest Read(string folder)
    {
        var path = PathIn(folder);
        return ManifestSerializer.Read(File.ReadAllBytes(path), path);
    }
}
