// The light/dark choice, remembered per browser, and the browser's time zone.
window.dashboardTheme = {
    get: () => window.localStorage.getItem("dashboard-theme"),
    set: (value) => window.localStorage.setItem("dashboard-theme", value),
    timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
};
