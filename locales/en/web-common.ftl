# Browser pages: the layout, error pages, form errors, the home page and role names.

web-service-name = Orgnabor
web-skip-link = Skip to main content
web-language-nav = Language
web-account-nav = Your account
web-account-link = Your account
web-sign-out = Sign out
web-footer-check = Check a job or agency
web-footer-rights = Your rights
web-footer-hotline = Unpaid wages, a taken passport or a fee demanded from you? Call the workers’ hotline: the numbers are on the “Your rights” page.

web-error-prefix = Error:
web-error-summary-title = There is a problem
web-error-home-link = Go to the home page
web-error-not-found-title = Page not found
web-error-not-found-typed = If you typed the web address, check it is correct.
web-error-not-found-pasted = If you pasted the web address, check you copied the entire address.
web-error-forbidden-title = You cannot open this page
web-error-forbidden-body = This page is for another kind of account.
web-error-csrf-title = Your form could not be sent
web-error-csrf-body = Nothing has been changed. The page was open too long or the form came from another site. Go back, reload the page and try again.
web-error-bad-request-title = Your form could not be read
web-error-bad-request-body = Nothing has been changed. Go back, reload the page and try again.
web-error-rate-limited-title = Too many attempts
web-error-rate-limited-body = Nothing has been changed. Wait 15 minutes and try again.
web-error-internal-title = Sorry, there is a problem with the service
web-error-internal-body = Try again later. What you entered has not been saved.

web-error-invalid = Check what you entered here
web-error-required-field = Fill in “{ $field }”
web-error-invalid-field = Check “{ $field }”
web-error-required = Fill in this field
web-error-too_short = Enter at least { $min } { $min ->
        [one] character
       *[other] characters
    }
web-error-too_long = Enter at most { $max } { $max ->
        [one] character
       *[other] characters
    }
web-error-invalid_email = Enter an email address in the correct format, like name@example.com
web-error-common_password = This password is too easy to guess. Choose another one, for example a few words you will remember
web-error-forbidden_character = Remove the character that cannot be used here ({ $char })
web-error-unknown_value = Choose one of: { $allowed }
web-error-wrong_password = Your current password is wrong
web-error-same_password = Choose a new password that is different from the current one
web-error-email-required = Enter your email address
web-error-email-invalid_email = Enter an email address in the correct format, like name@example.com
web-error-password-required = Enter your password
web-error-password-too_short = Your password must be at least { $min } { $min ->
        [one] character
       *[other] characters
    } long
web-error-new_password-too_short = Your new password must be at least { $min } { $min ->
        [one] character
       *[other] characters
    } long
web-error-current_password-required = Enter your current password
web-error-full_name-required = Enter your full name

web-home-title = Find work in Russia safely
web-home-heading = Find legal work in Russia
web-home-lead = Jobs from checked employers with a written contract, housing and no fee for you.
web-home-search-label = What work are you looking for?
web-home-search-hint = For example: welder, Moscow
web-home-search-button = Search

web-role-migrant = Worker
web-role-employer = Employer
web-role-agency = Recruitment agency
web-role-centre = Pre-departure centre
web-role-ministry = Ministry
web-role-admin = Administrator
web-role-migrant-intro = Find a job, apply, and read your contract in your own language.
web-role-employer-intro = Publish vacancies and follow your hiring here.
web-role-agency-intro = Represent candidates and follow their placements here.
web-role-centre-intro = Run orientation sessions and readiness checks here.
web-role-ministry-intro = Review licences, placements, quotas and complaints here.
web-role-admin-intro = Manage organisations and accounts here.
