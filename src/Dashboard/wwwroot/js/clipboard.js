// Copies a fix to the clipboard. The Clipboard API needs a secure context (HTTPS, or localhost); a dashboard served
// over plain HTTP on another host falls back to a hidden text area and the copy command. Says whether it worked, so
// the page can tell the user to select the text instead.
window.dashboardClipboard = {
    copy: async (text) => {
        if (navigator.clipboard && window.isSecureContext) {
            try {
                await navigator.clipboard.writeText(text);
                return true;
            } catch (error) {
                console.warn("Clipboard API refused the copy; trying the copy command.", error);
            }
        }

        const area = document.createElement("textarea");
        area.value = text;
        area.setAttribute("readonly", "");
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        try {
            return document.execCommand("copy");
        } finally {
            area.remove();
        }
    },
};
