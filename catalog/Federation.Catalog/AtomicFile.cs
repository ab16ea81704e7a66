namespace Federation.Catalog;

/// <summary>
/// Replaces a file so that a crash leaves the old content or the new one, never half of either: the bytes go to a
/// temporary file beside it, are flushed to disk, and the temporary file is renamed over the old one.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes what <paramref name="write"/> produces as the new content of <paramref name="path"/>. Not cancellable once begun.</summary>
    public static async Task ReplaceAsync(string path, Func<Stream, Task> write)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await write(stream).ConfigureAwait(false);
                await stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
