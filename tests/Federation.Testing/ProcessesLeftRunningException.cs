namespace Federation.Testing;

/// <summary>
/// The tests of an assembly left processes they started running (see <see cref="NoProcessLeftBehindFramework"/>);
/// named so, since a test run at minimal verbosity shows an assembly cleanup failure by its exception's type alone.
/// </summary>
public sealed class ProcessesLeftRunningException(IReadOnlyCollection<ProcessEntry> left)
    : Exception($"the tests left {left.Count} process(es) running (killed now): {string.Join("; ", left)}");
