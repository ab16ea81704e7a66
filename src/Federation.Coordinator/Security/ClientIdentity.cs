namespace Federation.Coordinator.Security;

/// <summary>Who a call comes from, once authenticated; anonymous when the server has no users configured.</summary>
public sealed record ClientIdentity(string User, bool ReadOnly)
{
    public static readonly ClientIdentity Anonymous = new("anonymous", ReadOnly: false);
}
