# syntax=docker/dockerfile:1

# Build: restore with the central package versions, then publish the dashboard.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig GlueEventDashboard.slnx appsettings.json ./
COPY src/Dashboard/Dashboard.csproj src/Dashboard/
COPY src/LocalCloud/LocalCloud.csproj src/LocalCloud/
RUN dotnet restore src/Dashboard/Dashboard.csproj
COPY src/Dashboard/ src/Dashboard/
COPY src/LocalCloud/ src/LocalCloud/
RUN dotnet publish src/Dashboard/Dashboard.csproj --configuration Release --no-restore --output /app

# Run: the ASP.NET runtime only, as a non-root user, on port 8080.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_NOLOGO=1
EXPOSE 8080
# Safe by default: a container is not loopback, so without sign-in (SignIn__Mode=Oidc or Alb) the app refuses to start
# and says so. The demo opts in to anonymous access explicitly: docker run -e SignIn__AllowRemoteAnonymous=true ...
# The audit database (Audit:Path, data/audit.db under /app) is the one thing the app writes: mount a volume on
# /app/data to keep it across containers, or set Audit:ConnectionString for PostgreSQL.
RUN mkdir -p /app/data && chown app /app/data
VOLUME /app/data
# The aspnet image ships the non-root 'app' user (uid 1654); it owns nothing it can modify but /app/data.
USER app
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["dotnet", "Dashboard.dll", "--healthcheck", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["dotnet", "Dashboard.dll"]
