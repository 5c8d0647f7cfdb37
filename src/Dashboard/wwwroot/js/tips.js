// Tips for every element with a data-tip attribute, on hover and on keyboard focus: one shared element, placed below
// its target (above, near the bottom of the window) and kept on screen. Rows of a long table carry only the
// attribute, so their tips cost the server nothing.
(() => {
    const gap = 6;
    const margin = 8;
    const tip = document.createElement("div");
    tip.id = "dashboard-tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    let target = null;

    const hide = () => {
        target?.removeAttribute("aria-describedby");
        target = null;
        tip.hidden = true;
    };

    const show = (element) => {
        if (!tip.isConnected) {
            document.body.appendChild(tip);
        }

        target = element;
        tip.textContent = element.getAttribute("data-tip");
        tip.hidden = false;
        element.setAttribute("aria-describedby", tip.id);
        const box = element.getBoundingClientRect();
        const own = tip.getBoundingClientRect();
        const below = box.bottom + gap;
        const top = below + own.height <= window.innerHeight - margin ? below : box.top - gap - own.height;
        const left = Math.min(Math.max(margin, box.left + (box.width - own.width) / 2), window.innerWidth - own.width - margin);
        tip.style.top = `${Math.max(margin, top)}px`;
        tip.style.left = `${Math.max(margin, left)}px`;
    };

    const follow = (event) => {
        const element = event.target instanceof Element ? event.target.closest("[data-tip]") : null;
        if (element === target) {
            return;
        }

        hide();
        if (element?.getAttribute("data-tip")) {
            show(element);
        }
    };

    document.addEventListener("mouseover", follow);
    document.addEventListener("focusin", follow);
    document.addEventListener("focusout", hide);
    document.addEventListener("mouseout", (event) => event.relatedTarget === null && hide());
    document.addEventListener("keydown", (event) => event.key === "Escape" && hide());
    document.addEventListener("scroll", hide, true);
})();
