using System.Text.Json;

namespace ExecutionPlans.Functions.UnitTests.TestSupport;

/// <summary>An external event sent through the Durable client, with its payload as the client serializes it.</summary>
internal sealed record RaisedEvent(string InstanceId, string Name, JsonElement Payload);
