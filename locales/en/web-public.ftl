# Public pages: search, the vacancy page, the check, the rights, the quota figures.

web-home-promises-heading = What Orgnabor promises
web-home-promise-fee = You never pay for a job: employers pay the costs of recruitment.
web-home-promise-contract = You read and sign a written contract in your language before you travel.
web-home-promise-check = Every employer, agency and contract has a code you can check here.

web-search-title = Jobs
web-search-region = Region of Russia
web-search-region-any = Any region
web-search-salary = Lowest salary you will accept, roubles a month
web-search-salary-hint = Digits only, for example 60000
web-search-housing = Only jobs with housing
web-search-total = { $count ->
        [one] { $count } job found
       *[other] { $count } jobs found
    }
web-search-understood = Searched as the occupation: { $occupation }
web-search-nothing = No jobs match. Try fewer words, another spelling or any region.
web-search-starts = Starts { $date }
web-search-with-housing = housing provided
web-search-pages = Pages of results
web-search-previous = Previous page
web-search-next = Next page
web-search-page-of = Page { $page } of { $pages }
web-search-by-region = Jobs by region
web-search-too-deep = There are no more pages. Narrow your search instead.
web-salary-per-month = { $amount } ₽ a month
web-error-salary_min-invalid_number = Enter the salary in digits, for example 60000
web-error-salary_min-out_of_range = Enter a salary up to { $max } roubles
web-error-invalid_region = Choose a region from the list
web-error-q-too_long = Enter at most { $max } characters

web-vacancy-title = Vacancy
web-vacancy-by = Employer: { $employer }
web-vacancy-fee-notice = Fee to the worker: 0 ₽. Nobody may ask you for money for this job.
web-vacancy-restricted = The ministry has restricted this employer: new placements are not approved at the moment.
web-vacancy-employer = Employer
web-vacancy-place = Place of work
web-vacancy-salary = Salary
web-vacancy-fee = Fee to the worker
web-vacancy-fee-value = 0 ₽ (free)
web-vacancy-hours = Working hours
web-vacancy-hours-value = { $hours ->
        [one] { $hours } hour a week
       *[other] { $hours } hours a week
    }
web-vacancy-contract = Contract length
web-vacancy-months = { $months ->
        [one] { $months } month
       *[other] { $months } months
    }
web-vacancy-start = Start date
web-vacancy-housing = Housing
web-vacancy-meals = Meals
web-vacancy-transport = Transport to work
web-vacancy-russian = Russian needed
web-vacancy-russian-none = Not required
web-vacancy-positions = Places left
web-vacancy-open-until = Open until
web-vacancy-about = About the job
web-vacancy-record = The employer’s record on Orgnabor
web-vacancy-record-hint = Counted from placements through Orgnabor. Workers’ ratings appear once five workers have rated.
web-record-placements = Workers placed
web-record-completed = Contracts completed
web-record-complaints-upheld = Complaints upheld
web-record-truth = “The offer was true”
web-record-treatment = “How I was treated”
web-vacancy-code-heading = Check this vacancy
web-vacancy-code-hint = If someone sends you this job in a messenger, check its code here:
web-vacancy-apply-heading = How to apply
web-vacancy-apply-hint = Create an account or sign in to apply. It is free.
web-vacancy-apply-signed-in = Apply from your account: the employer sees your profile only after you apply.
web-vacancy-register = Create an account
web-vacancy-sign-in = Sign in to apply
web-vacancy-never-pay = Never pay anyone to get this job, and never give your passport away.
web-yes = Yes
web-no = No

web-check-title = Check a job or agency
web-check-lead = Fraud often starts with a fake offer or a fake agency in a messenger. Check it here before you pay anything or give your documents.
web-check-label = Code, licence number or agency name
web-check-hint = The code is printed on a contract or shown with a vacancy or an agency, for example V-7K2M-9QXP
web-check-button = Check
web-check-too-long = Enter at most 100 characters
web-check-real-valid = Real and valid
web-check-real-not-valid = Real, but not valid now
web-check-is-vacancy = This is a vacancy published on Orgnabor.
web-check-is-agency = This is a recruitment agency registered on Orgnabor.
web-check-is-contract = This is a contract written through Orgnabor.
web-check-code = Code
web-check-vacancy = Job
web-check-agency = Agency
web-check-licence = Licence
web-check-issuer = Issued by
web-check-valid-dates = Valid
web-check-valid-to = valid until { $date }
web-check-contract-version = Contract version
web-check-status = Now
web-check-valid-now = Valid today
web-check-open-vacancy = Open the vacancy
web-check-agencies-found = Agencies found
web-check-unknown-heading = Not found: this may be a fake
web-check-unknown-body = No such code, licence or agency is known to Orgnabor. Do not pay and do not hand over your passport. Ask the sender for the code and check again, or report it to a pre-departure centre.
web-check-reason-vacancy_paused = The employer has paused this vacancy.
web-check-reason-vacancy_closed = This vacancy is closed.
web-check-reason-vacancy_filled = Every place in this vacancy is filled.
web-check-reason-vacancy_expired = This vacancy has expired.
web-check-reason-vacancy_not_published = This vacancy is not published.
web-check-reason-licence_suspended = The agency’s licence is suspended: it may not recruit now.
web-check-reason-licence_revoked = The agency’s licence is revoked: it may not recruit.
web-check-reason-licence_expired = The agency’s licence has expired.
web-check-reason-licence_not_yet_valid = The agency’s licence is not valid yet.
web-check-reason-contract_not_signed = This contract is not signed by both sides yet.
web-check-reason-contract_superseded = A newer version of this contract exists: only the latest counts.
web-check-reason-contract_ended = This contract has ended.
web-check-reason-contract_under_review = This contract is signed and waiting for the ministry’s review.
web-check-reason-contract_rejected = The placement under this contract was rejected.
web-check-reason-contract_withdrawn = The placement under this contract was withdrawn.
web-check-reason-contract_terminated = This contract was ended early.
web-licence-status-active = Licence active
web-licence-status-suspended = Licence suspended
web-licence-status-revoked = Licence revoked
web-licence-status-expired = Licence expired

web-rights-title = Your rights
web-rights-lead = These rights hold for every worker recruited through Orgnabor. Keep this page: it opens without the internet once you have visited it.
web-rights-no-fee-heading = You never pay for a job
web-rights-no-fee-body = No employer, agency or centre may take a fee from you for finding work, for the contract or for the journey arrangements (ILO Convention 181, article 7). If anyone asks, say no and report it.
web-rights-contract-first-heading = A written contract before you travel
web-rights-contract-first-body = You read and confirm a written contract with the salary, the hours, the housing and the start date before you leave home. What you were promised is what the contract says.
web-rights-own-language-heading = In your own language
web-rights-own-language-body = The contract is shown to you in Kyrgyz, Uzbek, Tajik, Russian or English, and explained at the pre-departure centre.
web-rights-passport-heading = Your passport stays with you
web-rights-passport-body = Nobody may keep your passport: not the employer, not the agency, not the landlord.
web-rights-minimum-wage-heading = At least the minimum wage
web-rights-minimum-wage-body = Your salary may not be lower than the minimum wage of the region where you work, and it is paid in full and on time.
web-rights-hours-heading = Normal working hours
web-rights-hours-body = A normal week is 40 hours. Overtime is paid extra and never more than the law allows.
web-rights-leave-heading = Paid leave
web-rights-leave-body = You have at least 28 calendar days of paid leave a year.
web-rights-housing-heading = Housing as promised
web-rights-housing-body = If the contract includes housing, it must be as the contract describes.
web-rights-complain-heading = You can complain safely
web-rights-complain-body = You can complain from your account at any time. The employer is not told who complained, and pressure on a worker because of a complaint is a violation in itself.
web-rights-numbers-heading = Numbers to call
web-rights-number-ru-112 = Emergency in Russia
web-rights-number-ru-police = Police in Russia
web-rights-number-kg-112 = Emergency in Kyrgyzstan
web-rights-inspection = Unpaid wages or a broken contract in Russia can also be reported to the labour inspectorate (Rostrud) at онлайнинспекция.рф.

web-quota-title = Quotas for foreign workers
web-quota-lead = How many foreign workers each region may employ by occupation group, what employers asked for, what the ministry granted and what is used. Counts of fewer than five people are withheld so that nobody can be singled out.
web-quota-years = Years
web-quota-year-heading = Quotas for { $year }
web-quota-none = No quota has been set for this year yet.
web-quota-caption = Quota by region and occupation group (ISCO-08)
web-quota-region = Region
web-quota-group = Occupation group
web-quota-cap = Quota
web-quota-requested = Requested
web-quota-allocated = Granted
web-quota-used = Used
web-quota-withheld = fewer than 5
web-quota-withheld-note = “Fewer than 5” means between one and four people: the exact figure is withheld.
web-quota-download = Download these figures (CSV)

web-offline-title = You are offline
web-offline-body = There is no connection right now. The pages you opened before are still here: the vacancies you looked at, your contract and your rights.
web-offline-saved = Pages you can read without a connection
web-offline-none = When you open a vacancy, your contract or the rights page with a connection, it will be kept here.
web-offline-numbers = If you need help now, call
web-manifest-description = Jobs in Russia with a written contract and no fee to the worker. Check an agency or a job offer.
