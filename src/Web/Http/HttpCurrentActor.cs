using RdvSP.Application.Common.Authorization;

namespace RdvSP.Web.Http;

/// <summary>The actor of the current HTTP request, from the cookie of the request's area.</summary>
internal sealed class HttpCurrentActor(IHttpContextAccessor accessor) : ICurrentActor
{
    public long? AgentId => accessor.HttpContext?.User.AgentId();

    public long? UsagerId => accessor.HttpContext?.User.UsagerId();
}
