global using FluentAssertions;
global using NUnit.Framework;
global using RdvSP.Domain.UnitTests.Support;
global using static RdvSP.Domain.UnitTests.Support.Zones;
