using System.Net;
using System.Net.Sockets;

namespace ExecutionPlans.Testing;

/// <summary>Ports on 127.0.0.1 for servers that must be told their port up front, and for "nothing listens here".</summary>
public static class LoopbackPort
{
    /// <summary>A port on 127.0.0.1 that was free a moment ago: nothing listens on it, until someone else takes it.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
