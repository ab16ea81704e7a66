using System.Net;

namespace Federation.Common;

/// <summary>The address a server binds, as its settings write it: an IP address or "localhost".</summary>
public static class ListenAddress
{
    /// <summary>The address; a configuration error reads as one, naming the setting.</summary>
    public static IPAddress Parse(string listen)
    {
        if (string.Equals(listen, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(listen, out var address)
            ? address
            : throw new InvalidOperationException($"Listen: \"{listen}\" is not an IP address (use 127.0.0.1, 0.0.0.0, :: or a local address)");
    }
}
