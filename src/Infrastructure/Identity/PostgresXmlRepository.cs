using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace RdvSP.Infrastructure.Identity;

/// <summary>
/// Data-protection keys in identity.data_protection_keys: shared by every web instance and
/// untouched by a Redis flush. ASP.NET Core caches the key ring and re-reads it when it meets an
/// unknown key id, so a key created by another instance is picked up on first use.
/// </summary>
internal sealed class PostgresXmlRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = dataSource.OpenConnection();
        return connection.Query<string>(new CommandDefinition("select xml from identity.data_protection_keys order by id"))
            .Select(xml => XElement.Parse(xml))
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = dataSource.OpenConnection();
        connection.Execute(new CommandDefinition(
            "insert into identity.data_protection_keys (friendly_name, xml) values (@friendlyName, @xml) on conflict (friendly_name) do nothing",
            new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) }));
    }
}
