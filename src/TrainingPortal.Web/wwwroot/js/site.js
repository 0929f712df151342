// Small progressive enhancements only; every page works without JavaScript.
(function () {
    // Move keyboard focus to the error summary so screen-reader users hear what went wrong.
    var summary = document.querySelector('.error-summary');
    if (summary) {
        summary.focus();
    }
})();
