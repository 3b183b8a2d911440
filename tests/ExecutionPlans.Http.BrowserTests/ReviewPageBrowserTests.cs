using System.Text.Json.Nodes;
using ExecutionPlans.Http.Review;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ExecutionPlans.Http.BrowserTests;

/// <summary>The review page in a real headless Chromium, against the real server process.</summary>
public sealed class ReviewPageBrowserTests(ReviewPageBrowserFixture fixture, ITestOutputHelper output) : IClassFixture<ReviewPageBrowserFixture>
{
    private const float Patience = 30_000;

    [Fact]
    public async Task ReviewPage_RequestChangesThenApprove_ShowsTheDiffAndFollowsThePlanToCompletion()
    {
        var id = await fixture.CreatePlanAsync("Call the test backend", fixture.TargetStep("s1", "one", "Call the first target"));
        fixture.Backend.ModelAnswer = new JsonObject
        {
            ["description"] = "Call the test backend, then check it",
            ["steps"] = new JsonArray(
                fixture.TargetStep("s1", "one?verbose=1", "Call the first target"),
                fixture.TargetStep("s2", "two", "Check the second target")),
        }.ToJsonString();
        var page = await NewPageAsync();
        var firstLink = fixture.ReviewUrl(id, 1);

        // Version 1: read it, then ask for a change.
        await page.GotoAsync(firstLink);
        await Expect(page.Locator("#title")).ToHaveTextAsync("Review the plan");
        await Expect(page.Locator("#plan-description")).ToHaveTextAsync("Call the test backend");
        await Expect(page.Locator("#diff-summary")).ToHaveTextAsync("This is the first version of the plan.");
        await page.Locator("#feedback").FillAsync("Also check the second target");
        await page.GetByRole(AriaRole.Button, new() { Name = "Request changes" }).ClickAsync();

        // The model answers with version 2; the old link now says so.
        await fixture.WaitForStatusAsync(id, "pending_approval", version: 2);
        await Expect(page.Locator("#title")).ToHaveTextAsync("This link is for an older version", new() { Timeout = Patience });

        // Version 2: its changes are on the page; approve it.
        await page.GotoAsync(fixture.ReviewUrl(id, 2, action: "approve"));
        await Expect(page.Locator("#plan-version")).ToHaveTextAsync("2");
        await Expect(page.Locator("#diff-summary")).ToHaveTextAsync("Compared with version 1: the description and 2 steps changed.");
        await Expect(page.Locator("#changes")).ToContainTextAsync("changed step s1");
        await Expect(page.Locator("#changes")).ToContainTextAsync("parameters.url");
        await Expect(page.Locator("#changes")).ToContainTextAsync("added step s2");
        await Expect(page.Locator("#changes")).ToContainTextAsync("Also check the second target");
        output.WriteLine($"Review page screenshot: {await ScreenshotAsync(page, "review-page-version-2.png")}");
        await page.SetViewportSizeAsync(390, 844);
        output.WriteLine($"Review page on a phone: {await ScreenshotAsync(page, "review-page-version-2-phone.png")}");
        await page.Locator("#comment").FillAsync("Looks right");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

        // The page refreshes itself until the plan completes.
        await Expect(page.Locator("#plan-status")).ToHaveTextAsync("completed", new() { Timeout = Patience });
        await Expect(page.Locator("#steps")).ToContainTextAsync("ok two");
        output.WriteLine($"Completed plan screenshot: {await ScreenshotAsync(page, "review-page-completed.png")}");
        Assert.Equal(["one", "two"], fixture.Backend.TargetCalls.Where(call => call is "one" or "two").Order());

        // A second click on the used link says what was decided; the old link stays stale.
        var again = await page.GotoAsync(page.Url);
        Assert.Equal(200, again!.Status);
        await Expect(page.Locator("#notice")).ToContainTextAsync("alice@example.com approved version 2");
        await Expect(page.Locator("button")).ToHaveCountAsync(0);
        var stale = await page.GotoAsync(firstLink);
        Assert.Equal(409, stale!.Status);
        await Expect(page.Locator("#notice")).ToContainTextAsync("This link was for version 1; the plan is now at version 2.");
        await Expect(page.Locator("button")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ReviewPage_RetryOnAFailedPlan_ShowsWhatIsKeptAndRunsOnlyTheRestAgain()
    {
        // s2's target answers 404 once, so the approved plan fails there; s3 runs after s2.
        var s3 = fixture.TargetStep("s3", "six", "Report the result");
        s3["dependsOn"] = new JsonArray("s2");
        var id = await fixture.CreatePlanAsync(
            "Call a target that is not there yet",
            fixture.TargetStep("s1", "four", "Call the first target"),
            fixture.TargetStep("s2", "five", "Call the late target", path: "flaky"),
            s3);
        await fixture.DecideAsync(id, "approve", version: 1);
        await fixture.WaitForStatusAsync(id, "failed");
        var page = await NewPageAsync();

        // The failure's link offers the recovery decisions and says what a retry keeps.
        await page.GotoAsync(fixture.ReviewUrl(id, 1, action: "retry"));
        await Expect(page.Locator("#title")).ToHaveTextAsync("Recover the plan");
        await Expect(page.Locator("#plan-status")).ToHaveTextAsync("failed");
        await Expect(page.Locator("button")).ToHaveTextAsync(["Retry", "Request changes", "Reject"]);
        await Expect(page.Locator("#recovery")).ToContainTextAsync("On retry, 1 step is kept with its output and not called again and 2 steps run again.");
        await Expect(page.Locator("#step-1 .recovery")).ToHaveTextAsync("kept");
        await Expect(page.Locator("#step-2 .recovery")).ToHaveTextAsync("runs again");
        await Expect(page.Locator("#step-3 .recovery")).ToHaveTextAsync("runs again");
        await Expect(page.Locator("#step-2")).ToContainTextAsync("404");
        output.WriteLine($"Recovery page screenshot: {await ScreenshotAsync(page, "review-page-recovery.png")}");
        await page.Locator("#comment").FillAsync("The target is up now");
        await page.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();

        // The page follows the plan to completion; the succeeded step was not called again.
        await Expect(page.Locator("#plan-status")).ToHaveTextAsync("completed", new() { Timeout = Patience });
        await Expect(page.Locator("#steps")).ToContainTextAsync("ok five");
        await Expect(page.Locator("#notice")).ToContainTextAsync("alice@example.com retried version 1");
        await Expect(page.Locator("#history")).ToContainTextAsync("The target is up now");
        await Expect(page.Locator("button")).ToHaveCountAsync(0);
        var calls = fixture.Backend.TargetCalls;
        Assert.Equal((1, 2, 1), (calls.Count(c => c == "four"), calls.Count(c => c == "flaky:five"), calls.Count(c => c == "six")));
    }

    [Fact]
    public async Task ReviewPage_CheckpointLink_ShowsTheResolvedParametersAndApprovingRunsTheStep()
    {
        // s2 asks for a checkpoint; its header takes s1's output, so the page shows the value it will send.
        var s2 = fixture.TargetStep("s2", "eight", "Call the second target");
        s2["checkpoint"] = true;
        s2["parameters"]!["headers"] = new JsonObject { ["X-From"] = "{{steps.s1.output.body}}" };
        var id = await fixture.CreatePlanAsync("Call two targets, confirming the second", fixture.TargetStep("s1", "seven", "Call the first target"), s2);
        await fixture.DecideAsync(id, "approve", version: 1);
        var held = await fixture.WaitForCheckpointAsync(id, "s2");
        var hash = held.GetProperty("planHash").GetString()!;
        var page = await NewPageAsync();

        // The step's link shows it held, with the value its reference resolved to, and the step's own decisions.
        await page.GotoAsync(fixture.ReviewUrl(id, 1, action: "approve", planHash: hash, stepId: "s2"));
        await Expect(page.Locator("#title")).ToHaveTextAsync("Confirm the step");
        await Expect(page.Locator("#plan-status")).ToHaveTextAsync("executing");
        await Expect(page.Locator("#plan-hash")).ToHaveTextAsync(hash[..12]);
        await Expect(page.Locator("#step-2 .step-status")).ToHaveTextAsync("awaiting_approval");
        await Expect(page.Locator("#checkpoint-s2 .parameters")).ToContainTextAsync("\"X-From\": \"ok seven\"");
        await Expect(page.Locator("#checkpoint-s2 .checkpoint-approvals")).ToHaveTextAsync("0 of 1");
        await Expect(page.Locator("button")).ToHaveTextAsync(["Approve step", "Skip step", "Reject plan"]);
        Assert.DoesNotContain("eight", fixture.Backend.TargetCalls);
        output.WriteLine($"Checkpoint page screenshot: {await ScreenshotAsync(page, "review-page-checkpoint.png")}");
        await page.Locator("#comment").FillAsync("The header is right");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve step" }).ClickAsync();

        // The page follows the plan: the step runs once confirmed, and the link has decided.
        await Expect(page.Locator("#plan-status")).ToHaveTextAsync("completed", new() { Timeout = Patience });
        await Expect(page.Locator("#step-2")).ToContainTextAsync("ok eight");
        await Expect(page.Locator("#notice")).ToContainTextAsync("alice@example.com approved step s2 of version 1");
        await Expect(page.Locator("#history")).ToContainTextAsync("The header is right");
        await Expect(page.Locator("button")).ToHaveCountAsync(0);
        Assert.Single(fixture.Backend.TargetCalls, call => call == "eight");
    }

    [Fact]
    public async Task ReviewPage_DescriptionWithScript_ShowsItAsTextAndRunsNothing()
    {
        const string description = "<script>window.pwned=1</script>";
        var id = await fixture.CreatePlanAsync(description, fixture.TargetStep("s1", "three", "<img src=x onerror=\"window.pwned=2\">"));
        var page = await NewPageAsync();

        var response = await page.GotoAsync(fixture.ReviewUrl(id, 1));

        Assert.Equal(200, response!.Status);
        await Expect(page.Locator("#plan-description")).ToHaveTextAsync(description);
        await Expect(page.Locator("#step-1")).ToContainTextAsync("<img src=x onerror=\"window.pwned=2\">");
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.pwned === 'undefined'"));
        Assert.Equal(0, await page.Locator("#plan script, #plan img, #steps img").CountAsync());
        Assert.Contains("default-src 'none'", response.Headers["content-security-policy"], StringComparison.Ordinal);
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 900, Height = 1000 } });
        return await context.NewPageAsync();
    }

    private static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }
}
