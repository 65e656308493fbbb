using System.Globalization;

namespace RdvSP.Web.Pages.Admin.Shared;

/// <summary>Back-office addresses, all under /admin/organisations/{id}/ (REFERENCE-SURFACES §2.1).</summary>
public static class AdminUrls
{
    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static string Organisation(long organisationId) => $"/admin/organisations/{Id(organisationId)}";

    public static string Agenda(long organisationId, long agentId) => $"{Organisation(organisationId)}/agent_agendas/{Id(agentId)}";

    public static string Rdvs(long organisationId) => $"{Organisation(organisationId)}/rdvs";

    public static string Rdv(long organisationId, long rdvId) => $"{Rdvs(organisationId)}/{Id(rdvId)}";

    public static string RdvsToFillIn(long organisationId, long agentId) => $"{Rdvs(organisationId)}?agent_id={Id(agentId)}&status=unknown_past";

    public static string CreneauxSearch(long organisationId) => $"{Organisation(organisationId)}/creneaux_search";

    public static string RdvWizard(long organisationId) => $"{Organisation(organisationId)}/rdv_wizard_step/new";

    public static string Usagers(long organisationId) => $"{Organisation(organisationId)}/users";

    public static string Usager(long organisationId, long userId) => $"{Usagers(organisationId)}/{Id(userId)}";

    public static string NewUsager(long organisationId) => $"{Usagers(organisationId)}/new";

    public static string EditUsager(long organisationId, long userId) => $"{Usager(organisationId, userId)}/edit";

    public static string LinkUsager(long organisationId, long userId) => $"{Usager(organisationId, userId)}/link_to_organisation";

    public static string UsagersSearch(long organisationId) => $"{Usagers(organisationId)}/search";

    public static string MergeUsagers(long organisationId) => $"{Organisation(organisationId)}/merge_users/new";

    public static string UsagerRdvs(long organisationId, long userId, string status) => $"{Rdvs(organisationId)}?user_id={Id(userId)}&status={Uri.EscapeDataString(status)}";

    public static string CreneauxSearchFor(long organisationId, long userId) => $"{CreneauxSearch(organisationId)}?user_ids[]={Id(userId)}";

    public static string AgendaOn(long organisationId, long agentId, DateOnly date) =>
        $"{Agenda(organisationId, agentId)}?date={date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    public static string RdvEdit(long organisationId, long rdvId) => $"{Rdv(organisationId, rdvId)}/edit";

    // Agents of the organisation, collective RDVs (issue 9, part 3).
    public static string OrganisationAgents(long organisationId) => $"{Organisation(organisationId)}/agents";

    public static string NewOrganisationAgent(long organisationId) => $"{OrganisationAgents(organisationId)}/new";

    public static string EditOrganisationAgent(long organisationId, long agentId) => $"{OrganisationAgents(organisationId)}/{Id(agentId)}/edit";

    public static string CollectiveRdvs(long organisationId) => $"{Organisation(organisationId)}/rdvs_collectifs";

    public static string NewCollectiveRdv(long organisationId) => $"{CollectiveRdvs(organisationId)}/new";

    public static string DuplicateCollectiveRdv(long organisationId, long rdvId) => $"{NewCollectiveRdv(organisationId)}?duplicated_rdv_id={Id(rdvId)}";

    public static string RdvParticipations(long organisationId, long rdvId) => $"{Rdv(organisationId, rdvId)}/participations";

    // Plages d'ouverture and absences (issue 9).
    public static string PlageOuvertures(long organisationId, long agentId) => $"{Organisation(organisationId)}/agents/{Id(agentId)}/plage_ouvertures";

    public static string ExpiredPlageOuvertures(long organisationId, long agentId) => $"{PlageOuvertures(organisationId, agentId)}?expired=true";

    public static string NewPlageOuverture(long organisationId, long agentId) => $"{PlageOuvertures(organisationId, agentId)}/new";

    public static string DuplicatePlageOuverture(long organisationId, long agentId, long plageOuvertureId) =>
        $"{NewPlageOuverture(organisationId, agentId)}?duplicate_plage_ouverture_id={Id(plageOuvertureId)}";

    public static string PlageOuverture(long organisationId, long plageOuvertureId) => $"{Organisation(organisationId)}/plage_ouvertures/{Id(plageOuvertureId)}";

    public static string EditPlageOuverture(long organisationId, long plageOuvertureId) => $"{PlageOuverture(organisationId, plageOuvertureId)}/edit";

    public static string Absences(long organisationId, long agentId) => $"{Organisation(organisationId)}/agents/{Id(agentId)}/absences";

    public static string ExpiredAbsences(long organisationId, long agentId) => $"{Absences(organisationId, agentId)}?expired=true";

    public static string NewAbsence(long organisationId, long agentId) => $"{Absences(organisationId, agentId)}/new";

    public static string Absence(long organisationId, long absenceId) => $"{Organisation(organisationId)}/absences/{Id(absenceId)}";

    public static string EditAbsence(long organisationId, long absenceId) => $"{Absence(organisationId, absenceId)}/edit";

    // Webhook endpoints (issue 11).
    public static string WebhookEndpoints(long organisationId) => $"{Organisation(organisationId)}/webhook_endpoints";

    public static string NewWebhookEndpoint(long organisationId) => $"{WebhookEndpoints(organisationId)}/new";

    public static string EditWebhookEndpoint(long organisationId, long webhookEndpointId) => $"{WebhookEndpoints(organisationId)}/{Id(webhookEndpointId)}/edit";

    public static string WebhookDeliveries(long organisationId, long webhookEndpointId) => $"{WebhookEndpoints(organisationId)}/{Id(webhookEndpointId)}/deliveries";

    // Catalogue (issue 9): motifs, lieux, organisation settings, online booking.
    public static string Motifs(long organisationId) => $"{Organisation(organisationId)}/motifs";

    public static string NewMotif(long organisationId) => $"{Motifs(organisationId)}/new";

    public static string DuplicateMotif(long organisationId, long motifId) => $"{NewMotif(organisationId)}?duplicate_motif_id={Id(motifId)}";

    public static string Motif(long organisationId, long motifId) => $"{Motifs(organisationId)}/{Id(motifId)}";

    public static string EditMotif(long organisationId, long motifId) => $"{Motif(organisationId, motifId)}/edit";

    public static string EditMotifTab(long organisationId, long motifId, string tab) => $"{EditMotif(organisationId, motifId)}?tab={Uri.EscapeDataString(tab)}";

    public static string Lieux(long organisationId) => $"{Organisation(organisationId)}/lieux";

    public static string NewLieu(long organisationId) => $"{Lieux(organisationId)}/new";

    public static string EditLieu(long organisationId, long lieuId) => $"{Lieux(organisationId)}/{Id(lieuId)}/edit";

    public static string RdvsAtLieu(long organisationId, long lieuId) => $"{Rdvs(organisationId)}?lieu_ids[]={Id(lieuId)}";

    public static string AgentPlages(long organisationId, long agentId) => $"{Organisation(organisationId)}/agents/{Id(agentId)}/plage_ouvertures";

    public static string OrganisationSettings(long organisationId) => $"{Organisation(organisationId)}/edit";

    public static string OnlineBooking(long organisationId) => $"{Organisation(organisationId)}/online_booking";
}
