global using FluentAssertions;
global using NUnit.Framework;
global using RdvSP.Application.IntegrationTests.Support;
