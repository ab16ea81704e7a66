namespace Federation.Cli.Shell;

/// <summary>
/// The lines typed at the interactive prompt, oldest first, kept in a file (one line per entry, ~/.fed_history by
/// default) that each new entry is appended to at once, so a killed shell loses nothing. Blank lines and a repeat
/// of the newest entry are not kept; only the newest <see cref="Capacity"/> entries are loaded.
/// </summary>
public sealed class History
{
    public const int Capacity = 1000;

    private readonly List<string> _entries = [];
    private readonly string? _path;

    /// <summary>An in-memory history, or one kept in <paramref name="path"/> (read now, appended to later).</summary>
    public History(string? path = null)
    {
        _path = path;
        if (path is not null && File.Exists(path))
        {
            try
            {
                var lines = File.ReadAllLines(path);
                _entries.AddRange(lines.Where(l => !string.IsNullOrWhiteSpace(l)).TakeLast(Capacity));
            }
            catch (IOException)
            {
                // An unreadable history file only costs the old entries.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    public static string DefaultPath => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".fed_history");

    public IReadOnlyList<string> Entries => _entries;

    public int Count => _entries.Count;

    public void Add(string line)
    {
        if (string.IsNullOrWhiteSpace(line) || (_entries.Count > 0 && _entries[^1] == line))
        {
            return;
        }

        _entries.Add(line);
        if (_entries.Count > Capacity)
        {
            _entries.RemoveAt(0);
        }

        if (_path is not null)
        {
            try
            {
                File.AppendAllText(_path, line + "\n");
            }
            catch (IOException)
            {
                // Keeping history is a convenience: a read-only home must not stop the shell.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
