using System.Security.Claims;
using ExecutionPlans.Workflow.Approvals;
using Microsoft.AspNetCore.Http;

namespace ExecutionPlans.Http.UnitTests;

public sealed class CallerIdentityTests
{
    private static readonly ApprovalOptions Untrusted = new() { TrustAppServiceAuthentication = false };

    [Fact]
    public void Of_AuthenticatedUserWithName_IsThatName()
    {
        // Arrange
        var request = RequestOf(new ClaimsIdentity([new Claim(ClaimTypes.Name, "ci-bot")], "ApiKey"));

        // Act
        var caller = CallerIdentity.Of(request, Untrusted);

        // Assert
        Assert.Equal("ci-bot", caller);
    }

    [Fact]
    public void Of_TokenClaimsWithoutName_IsTheFirstNameClaimInOrder()
    {
        // Arrange: a bearer token's claims under their own names, so the identity's Name is empty.
        var request = RequestOf(new ClaimsIdentity(
            [new Claim("name", "Erin Example"), new Claim("upn", "erin.upn@contoso.example"), new Claim("preferred_username", "erin@contoso.example")],
            "AuthenticationTypes.Federation"));

        // Act
        var caller = CallerIdentity.Of(request, Untrusted);

        // Assert
        Assert.Equal("erin@contoso.example", caller);
    }

    [Fact]
    public void Of_TokenWithOnlyUpn_IsTheUpn()
    {
        // Arrange
        var request = RequestOf(new ClaimsIdentity([new Claim("sub", "8f1c"), new Claim("upn", "erin@contoso.example")], "AuthenticationTypes.Federation"));

        // Act
        var caller = CallerIdentity.Of(request, Untrusted);

        // Assert
        Assert.Equal("erin@contoso.example", caller);
    }

    [Fact]
    public void Of_UnauthenticatedUserWithNameClaims_IsNobody()
    {
        // Arrange: claims without an authentication type are not a signed-in caller.
        var request = RequestOf(new ClaimsIdentity([new Claim(ClaimTypes.Name, "mallory"), new Claim("preferred_username", "mallory@example.com")]));

        // Act
        var caller = CallerIdentity.Of(request, Untrusted);

        // Assert
        Assert.Null(caller);
    }

    private static HttpRequest RequestOf(ClaimsIdentity identity) => new DefaultHttpContext { User = new ClaimsPrincipal(identity) }.Request;
}
