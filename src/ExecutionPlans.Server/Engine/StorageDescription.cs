namespace ExecutionPlans.Server.Engine;

/// <summary>Describes a storage connection string without its key or SAS token.</summary>
internal static class StorageDescription
{
    public static string Of(string connectionString)
    {
        if (connectionString.Trim().StartsWith("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
        {
            return "development storage (Azurite)";
        }

        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        var account = parts.GetValueOrDefault("AccountName") ?? "(account from endpoints)";
        var endpoint = parts.GetValueOrDefault("BlobEndpoint") ?? parts.GetValueOrDefault("EndpointSuffix");
        return endpoint is null ? $"account {account}" : $"account {account} at {endpoint}";
    }
}
