using System.Data;
using Dapper;

namespace RdvSP.Infrastructure.Persistence;

/// <summary>
/// Dapper settings shared by every repository: snake_case columns map to PascalCase members, and
/// PostgreSQL <c>date</c>/<c>time</c> round-trip as DateOnly/TimeOnly (Npgsql hands back DateTime/TimeSpan
/// through the untyped reader, which Dapper would not convert).
/// </summary>
public static class DapperSetup
{
    private static int done;

    public static void Configure()
    {
        if (Interlocked.Exchange(ref done, 1) == 1) return;
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        SqlMapper.AddTypeHandler(new TimeOnlyHandler());
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            parameter.DbType = DbType.Date;
            parameter.Value = value;
        }

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly d => d,
            DateTime dt => DateOnly.FromDateTime(dt),
            _ => DateOnly.Parse(value.ToString()!, System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private sealed class TimeOnlyHandler : SqlMapper.TypeHandler<TimeOnly>
    {
        public override void SetValue(IDbDataParameter parameter, TimeOnly value)
        {
            parameter.DbType = DbType.Time;
            parameter.Value = value;
        }

        public override TimeOnly Parse(object value) => value switch
        {
            TimeOnly t => t,
            TimeSpan ts => TimeOnly.FromTimeSpan(ts),
            DateTime dt => TimeOnly.FromDateTime(dt),
            _ => TimeOnly.Parse(value.ToString()!, System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
