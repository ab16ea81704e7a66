using Federation.Common;
using Federation.Execution;

namespace Federation.Engine;

/// <summary>
/// Where queries spill when they would pass their memory limit, and how much they may hold there (the settings'
/// <c>Spill</c> section): <c>Spill:Folder</c> (default: <c>spill</c> in the data folder, or under the system's
/// temporary folder without one) and <c>Spill:MaxBytes</c> ("200GB"; default: 90% of the disk space free there).
/// </summary>
public sealed class SpillSettings
{
    public const string FolderName = "spill";

    /// <summary>The spill folder; a relative path is taken from the current folder.</summary>
    public string? Folder { get; set; }

    /// <summary>What all running queries may hold in the spill folder together ("200GB", or bytes).</summary>
    public string? MaxBytes { get; set; }

    /// <summary>
    /// The spill space these settings describe for a process whose data folder is <paramref name="dataFolder"/> (null
    /// for none); leftovers of processes that died are deleted from it now. A malformed value throws naming its setting.
    /// </summary>
    public SpillSpace ToSpillSpace(string? dataFolder)
    {
        var folder = !string.IsNullOrWhiteSpace(Folder) ? Path.GetFullPath(Folder)
            : dataFolder is not null ? Path.Combine(dataFolder, FolderName)
            : SpillSpace.Temporary.Folder;
        var cap = MaxBytesValue();
        if (folder == SpillSpace.Temporary.Folder && cap is null)
        {
            return SpillSpace.Temporary;
        }

        SpillSpace.DeleteLeftovers(folder);
        return new SpillSpace(folder, cap);
    }

    /// <summary>Refuses a malformed cap before anything listens.</summary>
    public void Validate() => MaxBytesValue();

    private long? MaxBytesValue()
    {
        if (string.IsNullOrWhiteSpace(MaxBytes))
        {
            return null;
        }

        try
        {
            return SessionSettings.ParseBytes(MaxBytes);
        }
        catch (FederationException e)
        {
            throw new InvalidOperationException($"Spill:MaxBytes: {e.Message}", e);
        }
    }
}
