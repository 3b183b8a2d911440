using System.Text.Json;
using ExecutionPlans.Model;

namespace ExecutionPlans.UnitTests.Model;

public sealed class ToolRiskExtensionsTests
{
    [Theory]
    [InlineData(ToolRisk.Read)]
    [InlineData(ToolRisk.Write)]
    [InlineData(ToolRisk.Destructive)]
    public void ToWireName_EveryRisk_IsItsJsonName(ToolRisk risk) =>
        Assert.Equal(JsonSerializer.Serialize(risk).Trim('"'), risk.ToWireName());
}
