// Hangfire's dashboard formats times with moment.js in the page's language ("en" = US: 12/1/2026 9:32 PM).
// The warehouse is a UK council's: day/month/year and the 24-hour clock, weeks from Monday.
(function (moment) {
    if (!moment) return;
    var uk = {
        longDateFormat: { LT: 'HH:mm', LTS: 'HH:mm:ss', L: 'DD/MM/YYYY', LL: 'D MMMM YYYY', LLL: 'D MMMM YYYY HH:mm', LLLL: 'dddd, D MMMM YYYY HH:mm' },
        week: { dow: 1, doy: 4 }
    };
    moment.updateLocale('en', uk);
    if (moment.locales().indexOf('en-gb') < 0) moment.defineLocale('en-gb', Object.assign({ parentLocale: 'en' }, uk));
})(window.moment);
