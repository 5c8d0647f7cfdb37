// The light/dark choice, remembered per browser.
window.dashboardTheme = {
    get: () => window.localStorage.getItem("dashboard-theme"),
    set: (value) => window.localStorage.setItem("dashboard-theme", value),
};
