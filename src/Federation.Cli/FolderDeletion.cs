namespace Federation.Cli;

/// <summary>Deletes a scratch folder when disposed (a command's temporary local tables).</summary>
internal sealed class FolderDeletion(string folder) : IDisposable
{
    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temporary-file cleanup.
        }
    }
}
