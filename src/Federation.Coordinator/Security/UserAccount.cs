namespace Federation.Coordinator.Security;

/// <summary>A user of the service as configuration declares it: a name, a <see cref="Security.PasswordHash"/>, and
/// whether the user may only read (queries, EXPLAIN, SET and SHOW).</summary>
public sealed class UserAccount
{
    public string Name { get; set; } = string.Empty;

    public string PasswordHash { get; set; } = string.Empty;

    public bool ReadOnly { get; set; }
}
