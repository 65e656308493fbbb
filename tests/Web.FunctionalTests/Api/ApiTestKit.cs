using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using RdvSP.TestKit;

namespace RdvSP.Web.FunctionalTests.Api;

/// <summary>Signs agents in through POST /api/v1/auth/sign_in and checks the contract's formats.</summary>
internal static class ApiTestKit
{
    public const string DateTimePattern = @"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{4}$";
    public const string DatePattern = @"^\d{4}-\d{2}-\d{2}$";
    public const string TimePattern = @"^\d{2}:\d{2}:\d{2}$";

    public static readonly string[] MetaKeys = ["current_page", "next_page", "prev_page", "total_pages", "total_count"];

    public static readonly string[] OrganisationKeys = ["id", "email", "name", "phone_number", "verticale"];
    public static readonly string[] AgentKeys = ["id", "email", "first_name", "inclusion_connect_open_id_sub", "last_name"];
    public static readonly string[] LieuKeys = ["id", "address", "name", "organisation_id", "phone_number", "single_use"];
    public static readonly string[] MotifKeys = ["id", "bookable_by", "bookable_publicly", "collectif", "deleted_at", "follow_up", "instruction_for_rdv",
        "location_type", "motif_category", "name", "organisation_id", "service_id"];
    public static readonly string[] UserKeys = ["id", "address", "address_details", "affiliation_number", "birth_date", "birth_name", "caisse_affiliation",
        "case_number", "created_at", "email", "family_situation", "first_name", "invitation_accepted_at", "invitation_created_at", "last_name", "logement",
        "notes", "notify_by_email", "notify_by_sms", "number_of_children", "phone_number", "phone_number_formatted", "responsible", "responsible_id", "user_profiles"];
    public static readonly string[] ParticipationKeys = ["id", "created_by", "created_by_agent_prescripteur", "created_by_id", "created_by_type",
        "send_lifecycle_notifications", "send_reminder_notification", "status", "user"];
    public static readonly string[] RdvKeys = ["id", "address", "agents", "cancelled_at", "collectif", "context", "created_by", "created_by_id",
        "created_by_type", "duration_in_min", "ends_at", "lieu", "max_participants_count", "motif", "name", "organisation", "participations",
        "starts_at", "status", "users", "users_count", "uuid"];
    public static readonly string[] AbsenceKeys = ["id", "agent", "end_day", "end_time", "first_day", "ical", "ical_uid", "organisation", "rrule", "start_time", "title"];

    public sealed record Credentials(string AccessToken, string Client, string Uid, string Expiry);

    public static async Task<(HttpResponseMessage Response, Credentials? Credentials)> SignInAsync(HttpClient client, string email, string password = BackOfficeWorld.Password)
    {
        var response = await client.PostAsync("/api/v1/auth/sign_in", Json(new { email, password }));
        if (!response.IsSuccessStatusCode) return (response, null);
        string H(string name) => response.Headers.GetValues(name).Single();
        return (response, new Credentials(H("access-token"), H("client"), H("uid"), H("expiry")));
    }

    /// <summary>A client whose every request carries the agent's three auth headers.</summary>
    public static async Task<HttpClient> AgentClientAsync(this RdvspWebFactory factory, string email)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var (response, credentials) = await SignInAsync(client, email);
        credentials.Should().NotBeNull($"sign-in of {email} answered {(int)response.StatusCode}");
        Authorize(client, credentials!);
        return client;
    }

    public static void Authorize(HttpClient client, Credentials credentials)
    {
        client.DefaultRequestHeaders.Remove("access-token");
        client.DefaultRequestHeaders.Remove("client");
        client.DefaultRequestHeaders.Remove("uid");
        client.DefaultRequestHeaders.Add("access-token", credentials.AccessToken);
        client.DefaultRequestHeaders.Add("client", credentials.Client);
        client.DefaultRequestHeaders.Add("uid", credentials.Uid);
    }

    public static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    public static StringContent Raw(string body, string contentType) => new(body, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType));

    public static async Task<JsonElement> JsonBodyAsync(this HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public static void ShouldHaveKeys(this JsonElement element, params string[] keys) =>
        element.EnumerateObject().Select(p => p.Name).Should().Equal(keys);

    public static void ShouldBeDateTime(this JsonElement element) => element.GetString().Should().MatchRegex(DateTimePattern);

    /// <summary>The five meta keys of §1.5 with their values.</summary>
    public static void ShouldHaveMeta(this JsonElement body, int currentPage, int? nextPage, int? previousPage, int totalPages, long totalCount)
    {
        var meta = body.GetProperty("meta");
        meta.ShouldHaveKeys(MetaKeys);
        meta.GetProperty("current_page").GetInt32().Should().Be(currentPage);
        Nullable(meta.GetProperty("next_page")).Should().Be(nextPage);
        Nullable(meta.GetProperty("prev_page")).Should().Be(previousPage);
        meta.GetProperty("total_pages").GetInt32().Should().Be(totalPages);
        meta.GetProperty("total_count").GetInt64().Should().Be(totalCount);
    }

    private static int? Nullable(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetInt32();
}
