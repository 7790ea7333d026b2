using System.Text.Json.Serialization;
using Cantus.Service;
using Cantus.Service.Composing;
using Cantus.Service.Datasets;
using Cantus.Service.Models;
using Cantus.Web.Api;
using Cantus.Web.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Scalar.AspNetCore;

namespace Cantus.Web.Hosting;

/// <summary>Builds the Cantus web host: the REST API under <c>/api</c>, its OpenAPI document and reference page, problem+json errors.</summary>
public static class CantusWeb
{
    /// <summary>The host for <paramref name="args"/> (configuration: <c>Cantus:*</c>; <paramref name="configure"/> may change the builder, e.g. in tests).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        AddCantus(builder.Services);
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/reference", o => o.WithTitle("Cantus API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapHealthApi();
        app.MapModelsApi();
        app.MapDatasetsApi();
        return app;
    }

    /// <summary>Registers the settings (section <c>Cantus</c>), the use cases, error handling, JSON conventions and OpenAPI.</summary>
    public static void AddCantus(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(CantusWebSettings.Section).Get<CantusWebSettings>() ?? new CantusWebSettings());
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<CantusWebSettings>();
            return ServicePaths.For(settings.Data) with { SampleModelsDirectory = settings.SampleModels ?? ServicePaths.FindSampleModels() };
        });
        services.AddSingleton<ModelLibrary>();
        services.AddSingleton<DatasetLibrary>();
        services.AddSingleton<ComposeMelody>();
        services.AddProblemDetails();
        services.AddExceptionHandler<CantusExceptionHandler>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            o.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });
        services.AddOpenApi();
        services.AddHttpClient();
    }
}
