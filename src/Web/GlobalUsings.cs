global using RdvSP.Application;
global using RdvSP.Infrastructure;
global using RdvSP.Web.Api;
