namespace RdvSP.TestKit;

/// <summary>The real Redis started by scripts/services.sh.</summary>
public static class TestRedis
{
    public static string Host => Environment.GetEnvironmentVariable("RDVSP_REDIS_HOST") ?? "127.0.0.1";

    public static int Port => int.TryParse(Environment.GetEnvironmentVariable("RDVSP_REDIS_PORT"), out var p) ? p : 6380;

    public static string ConnectionString => $"{Host}:{Port}";
}
