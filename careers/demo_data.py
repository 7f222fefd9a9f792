"""Demo content for the careers portal: one company, its teams, offices and postings.

Pure data, no Django imports, so it can be loaded by a management command, a
fixture builder or a test without side effects.

The first posting reproduces a real, public job advert ("European AI Safety
Policy Lead - Technical"), repaired from a scraped copy kept in
``tests/data/seed-posting.txt``; every sentence of it is kept verbatim. The
other postings are invented but written like real adverts.

Dates are relative: ``published_days_ago`` (None for drafts) and
``closes_in_days`` (None for no closing date, negative for a date already past).
"""

COMPANY = {
    "name": "OpenAI",
    "website": "https://openai.com",
    "about": (
        "OpenAI is an AI research and deployment company dedicated to ensuring that "
        "general-purpose artificial intelligence benefits all of humanity. We push the "
        "boundaries of the capabilities of AI systems and seek to safely deploy them to "
        "the world through our products. AI is an extremely powerful tool that must be "
        "created with safety and human needs at its core, and to achieve our mission, we "
        "must encompass and value the many different perspectives, voices, and "
        "experiences that form the full spectrum of humanity."
    ),
    "equal_opportunity": (
        "We are an equal opportunity employer and do not discriminate on the basis of "
        "race, religion, national origin, gender, sexual orientation, age, veteran "
        "status, disability or any other legally protected status."
    ),
    "fair_chance": (
        "For US Based Candidates: Pursuant to the San Francisco Fair Chance Ordinance, "
        "we will consider qualified applicants with arrest and conviction records."
    ),
    "accommodations_text": (
        "We are committed to providing reasonable accommodations to applicants with "
        "disabilities, and requests can be made via [this link](/accommodations/)."
    ),
    "privacy_link_text": "OpenAI Global Applicant Privacy Policy",
    "closing": (
        "At OpenAI, we believe artificial intelligence has the potential to help people "
        "solve immense global challenges, and we want the upside of AI to be widely "
        "shared. Join us in shaping the future of technology."
    ),
}


_PRIVACY_2025 = """\
This notice explains how OpenAI collects and uses personal data about people who apply for a job with us or who we consider for a role. It applies to every posting on this careers site, wherever the role is based.

### Who is responsible for your data

The controller of your data is OpenAI, the company named in the posting you apply to. You can reach us about anything in this notice at [privacy@example.com](mailto:privacy@example.com).

### What data we collect

- **Details you give us:** your name, email address, phone number, current country and city, links to your LinkedIn profile or website, your resume and cover letter, and your answers to the questions on the application form.
- **Details from the hiring process:** interview notes, the results of any work sample or exercise, and our hiring decision.
- **Details from others:** references you ask us to contact and, where the law allows and only for an offer, the results of background checks.

We do not ask for information about your health, ethnicity, religion or sexual orientation as part of an application. Please do not include it in your resume or answers.

### Why we use it, and on what legal basis

- To assess your application and run the hiring process, because you asked us to consider you for a role (steps taken at your request before entering into a contract, Article 6(1)(b) GDPR).
- To keep the process fair, secure and well documented, and to defend legal claims, on the basis of our legitimate interests (Article 6(1)(f) GDPR).
- To meet legal obligations, such as checking that you have the right to work in the country of the role (Article 6(1)(c) GDPR).

We do not make hiring decisions by automated means alone.

### How long we keep it

If you are not hired, we keep your application for **180 days after the posting closes**, then delete it. If you agree to join our talent pool, we keep it for **2 years** so we can contact you about other roles; you can withdraw that consent at any time. If you are hired, your application becomes part of your employee record.

### Who we share it with

Your data is seen only by the people involved in hiring for the role: the hiring team, interviewers and our recruiting staff. We also use service providers who host this site and our applicant tracking system on our behalf, under contracts that require them to protect it. Some of them may process data outside the European Economic Area or the UK; where they do, we rely on an adequacy decision or the European Commission's standard contractual clauses.

### Your rights

Under Articles 15 to 22 of the GDPR you have the right to access your data, to have it corrected or erased, to restrict or object to its use, to data portability, and not to be subject to a decision based solely on automated processing. To use any of these rights, email [privacy@example.com](mailto:privacy@example.com). We will answer within one month.

### Complaints

If you are unhappy with how we handle your data, please tell us first. You also have the right to lodge a complaint with the data protection supervisory authority where you live or work, or where you think the problem happened.
"""

_PRIVACY_2026 = """\
This notice explains how OpenAI collects and uses personal data about people who apply for a job with us or who we consider for a role. It applies to every posting on this careers site, wherever the role is based. It replaces the version of January 2025.

**What changed in this version:** we now explain how we handle requests for accommodations (they are kept separately from your application), we name the categories of service providers we use, and we say how to withdraw from the talent pool in one step.

### Who is responsible for your data

The controller of your data is OpenAI, the company named in the posting you apply to. You can reach us, and our data protection officer, about anything in this notice at [privacy@example.com](mailto:privacy@example.com).

### What data we collect

- **Details you give us:** your name, email address, phone number, current country and city, links to your LinkedIn profile or website, your resume and cover letter, and your answers to the questions on the application form.
- **Details from the hiring process:** interview notes, the results of any work sample or exercise, and our hiring decision.
- **Details from others:** references you ask us to contact and, where the law allows and only for an offer, the results of background checks.

We do not ask for information about your health, ethnicity, religion or sexual orientation as part of an application. Please do not include it in your resume or answers.

### Why we use it, and on what legal basis

- To assess your application and run the hiring process, because you asked us to consider you for a role (steps taken at your request before entering into a contract, Article 6(1)(b) GDPR).
- To keep the process fair, secure and well documented, and to defend legal claims, on the basis of our legitimate interests (Article 6(1)(f) GDPR).
- To meet legal obligations, such as checking that you have the right to work in the country of the role (Article 6(1)(c) GDPR).
- To keep you in our talent pool and tell you about other roles, only if you consent (Article 6(1)(a) GDPR).

We do not make hiring decisions by automated means alone.

### Accommodation requests

If you ask for an adjustment to the hiring process, for example extra time, a different interview format or an accessible venue, we use what you tell us only to arrange that adjustment. Accommodation requests are **kept separately from your application**: they are handled by a small accommodations team, they are not shared with the people assessing you, and they play no part in the hiring decision. Where a request reveals health information, we process it to meet our obligations in employment law (Article 9(2)(b) GDPR), and we delete it together with the rest of your data.

### How long we keep it

If you are not hired, we keep your application for **180 days after the posting closes**, then delete it. If you agree to join our talent pool, we keep it for **2 years** so we can contact you about other roles. You can leave the talent pool at any time by replying to any message we send you or by emailing [privacy@example.com](mailto:privacy@example.com); we then delete your data unless the 180-day period has not yet ended. If you are hired, your application becomes part of your employee record.

### Who we share it with

Your data is seen only by the people involved in hiring for the role: the hiring team, interviewers and our recruiting staff. We also use service providers acting on our behalf, under contracts that require them to protect it:

- hosting and infrastructure for this site;
- our applicant tracking and interview scheduling systems;
- video conferencing for remote interviews;
- background check providers, for offers only and where the law allows.

Some of them may process data outside the European Economic Area or the UK; where they do, we rely on an adequacy decision or the European Commission's standard contractual clauses. We never sell your data.

### Your rights

Under Articles 15 to 22 of the GDPR you have the right to access your data, to have it corrected or erased, to restrict or object to its use, to data portability, and not to be subject to a decision based solely on automated processing. Where we rely on your consent, you can withdraw it at any time without affecting what we did before. To use any of these rights, email [privacy@example.com](mailto:privacy@example.com). We will answer within one month.

### Complaints

If you are unhappy with how we handle your data, please tell us first. You also have the right to lodge a complaint with the data protection supervisory authority where you live or work, or where you think the problem happened.
"""

PRIVACY_POLICIES = [
    {"version": "2025-01", "effective_on": "2025-01-01", "body": _PRIVACY_2025},
    {"version": "2026-06", "effective_on": "2026-06-01", "body": _PRIVACY_2026},
]


TEAMS = [
    {
        "name": "Global Affairs",
        "slug": "global-affairs",
        "about": (
            "OpenAI’s mission is to ensure that general-purpose artificial intelligence "
            "benefits all of humanity. We believe that achieving our goal requires "
            "effective engagement with public policy stakeholders and the broader "
            "community impacted by AI. Accordingly, our Global Affairs team builds "
            "authentic, collaborative relationships with public officials and the broader "
            "AI policymaking community to inform and support our shared work in these "
            "domains. We ensure that insights from policymakers inform our work and - in "
            "collaboration with our colleagues and external stakeholders - help shape "
            "policy guardrails, industry standards, and safe and beneficial development "
            "of AI tools."
        ),
        "notification_email": "global-affairs-hiring@example.com",
    },
    {
        "name": "Research",
        "slug": "research",
        "about": (
            "Our Research team works on the frontier of machine learning: training and "
            "studying large models, understanding how they work, and finding new ways to "
            "make them more capable and more reliable. Researchers here pair ambitious "
            "long-term questions with careful experiments, and publish when it helps "
            "the field move forward safely."
        ),
        "notification_email": "research-hiring@example.com",
    },
    {
        "name": "Engineering",
        "slug": "engineering",
        "about": (
            "Engineering builds and runs the systems that put our models in people’s "
            "hands: the inference platform, the API, ChatGPT and the developer tools "
            "around them. We care about reliability at very large scale, clear "
            "interfaces and documentation that developers actually enjoy reading."
        ),
        "notification_email": "engineering-hiring@example.com",
    },
    {
        "name": "Safety Systems",
        "slug": "safety-systems",
        "about": (
            "Safety Systems makes sure our models are deployed safely. We design "
            "evaluations and red-teaming exercises, build the classifiers and "
            "monitoring that catch misuse, and work with product teams so that safety "
            "is part of every launch rather than an afterthought."
        ),
        "notification_email": "safety-systems-hiring@example.com",
    },
    {
        "name": "People",
        "slug": "people",
        "about": (
            "The People team hires, supports and develops the people who do the work. "
            "We run recruiting, onboarding, learning and benefits, and we try to make "
            "every candidate’s experience respectful and clear, whether or not they "
            "join us."
        ),
        "notification_email": "people-hiring@example.com",
    },
    {
        "name": "Legal",
        "slug": "legal",
        "about": (
            "Legal advises the company on everything from product launches and "
            "research partnerships to privacy and emerging AI regulation. We are "
            "practical, commercially minded lawyers who like hard, new questions and "
            "work closely with engineers and researchers."
        ),
        "notification_email": "legal-hiring@example.com",
    },
]


LOCATIONS = [
    {"city": "London", "country": "UK", "country_code": "GB", "slug": "london", "time_zone": "Europe/London"},
    {"city": "San Francisco", "country": "USA", "country_code": "US", "slug": "san-francisco", "time_zone": "America/Los_Angeles"},
    {"city": "New York", "country": "USA", "country_code": "US", "slug": "new-york", "time_zone": "America/New_York"},
    {"city": "Dublin", "country": "Ireland", "country_code": "IE", "slug": "dublin", "time_zone": "Europe/Dublin"},
    {"city": "Paris", "country": "France", "country_code": "FR", "slug": "paris", "time_zone": "Europe/Paris"},
    {"city": "Brussels", "country": "Belgium", "country_code": "BE", "slug": "brussels", "time_zone": "Europe/Brussels"},
]


POSTINGS = [
    # --- The reference posting, verbatim from the seed page -------------------
    {
        "title": "European AI Safety Policy Lead - Technical",
        "slug": "european-ai-safety-policy-lead-technical",
        "team": "global-affairs",
        "locations": ["london"],
        "workplace_type": "onsite",
        "employment_type": "full_time",
        "intro": (
            "Shape AI safety policy across Europe, bringing deep technical knowledge of "
            "LLMs to our work with policy-makers, regulators and researchers."
        ),
        "about_role": (
            "As the AI Safety Policy Lead, you will be engaging on the full spectrum of "
            "policy issues on AI Safety and support the Global Affairs team in the region "
            "more broadly with technical expertise and knowledge on LLMs and AI "
            "technologies.\n"
            "\n"
            "OpenAI releases industry-leading research and tools. You will face new "
            "challenges as the impact of cutting edge generative AI technologies continues "
            "to be explored and as the needs of the organization evolve. Day-to-day work "
            "may encompass anything from helping to shape strategic initiatives and policy "
            "documents to preparing our leaders for engagements with government officials "
            "or representing OpenAI in private and public forums.\n"
            "\n"
            "We are looking for a self-directed and creative individual combining a "
            "technical and research background in LLMs and AI technologies with "
            "experience in engaging effectively with policy-makers, research institutes, "
            "academics and civil society.\n"
            "\n"
            "This strategic yet hands-on role will report to the Head of European Policy "
            "& Partnerships and work closely with key internal and external partners."
        ),
        "qualifications": [
            "3-5 years of experience in (technical) research and policy work on AI Safety",
            "Demonstrated interest and ability to engage with policy-makers, regulators, "
            "civil society and academics on nuanced discussions around the wide range of "
            "AI Safety issues",
            "Technical background (ideally a Masters or PhD degree in ML/AI) with deep "
            "understanding of LLMs/AI and how they function and are build and trained "
            "with practical experience in thinking about how to do that in safe way",
            "Worked on topics around: AI risk assessment, model safety, robustness, "
            "misinformation/disinformation, etc. and has ideally advised governments on "
            "policy actions and work in this space",
            "Existing network and credibility within the AI Safety community in Europe",
            "Ability to assess and understand the impact of legislative and regulatory "
            "proposals on OpenAI’s product and research roadmap",
        ],
        "thrive_if": [
            "Established network and credibility with EU Member States and international "
            "policymakers, regulators, civil society, and other stakeholders",
            "Engineering-level understanding of AI technology and ability to get to "
            "answers on tricky technical questions yourself (think reading arxiv papers "
            "or codebases to find an answer to a question from a policy-maker)",
            "Sound judgment and outstanding personal integrity",
            "Ability to execute in fast and flexible environments through rapid cycles of "
            "analysis, decision, and action",
            "Excellent communication, presentation, and interpersonal skills, with the "
            "ability to convey complex technical and policy concepts to diverse audiences",
            "Strong strategic thinking, problem-solving, and project management skills",
            "Demonstrated knowledge and understanding of the European Union policy-making "
            "system, institutions, and processes, and the key policy issues and debates "
            "related to AI",
            "Track record of effectively working with cross-functional teams, especially "
            "engineering and research teams, and aligning a diverse range of internal and "
            "external partners",
            "Genuine care and knowledge about the impact of technology on society",
            "Previous work on AI issues and technical AI development expertise a "
            "significant plus",
        ],
        "pay_min": None,
        "pay_max": None,
        "pay_currency": "",
        "pay_period": "",
        "travel_note": (
            "This role will be based out of London and will require frequent travel to "
            "meet with key stakeholders."
        ),
        "relocation_note": "We offer relocation assistance to new employees.",
        "status": "published",
        "published_days_ago": 12,
        "closes_in_days": None,
        "questions": [
            {
                "label": "Will you need visa sponsorship to work in the UK?",
                "help_text": "",
                "kind": "yes_no",
                "choices": [],
                "required": True,
            },
            {
                "label": "Which best describes your highest degree in ML/AI?",
                "help_text": "",
                "kind": "single_choice",
                "choices": ["PhD", "Master’s", "Bachelor’s", "Other or none"],
                "required": True,
            },
            {
                "label": "Link to a policy paper, talk or publication you are proud of",
                "help_text": "",
                "kind": "short_text",
                "choices": [],
                "required": False,
            },
        ],
    },
    # --- Research ----------------------------------------------------------------
    {
        "title": "Research Scientist, Interpretability",
        "slug": "research-scientist-interpretability",
        "team": "research",
        "locations": ["san-francisco", "new-york"],
        "workplace_type": "hybrid",
        "employment_type": "full_time",
        "intro": (
            "Help us understand what large language models are actually computing, and "
            "turn that understanding into tools that make them safer."
        ),
        "about_role": (
            "The Interpretability team studies the internal representations and "
            "circuits of our largest models. We want to be able to point at a behaviour "
            "of a model, explain the mechanism behind it, and predict when it will "
            "change. Recent work includes sparse autoencoders trained on billions of "
            "activations, automated circuit discovery, and probes that detect when a "
            "model is being deceptive.\n"
            "\n"
            "As a Research Scientist you will set your own research agenda within the "
            "team’s priorities, run experiments end to end on our training and "
            "inference stack, and write up results for both internal decision makers "
            "and the wider research community. You will work closely with the Safety "
            "Systems and alignment teams, whose evaluations increasingly rely on "
            "interpretability methods.\n"
            "\n"
            "This role is hybrid: we expect you in our San Francisco or New York office "
            "three days a week."
        ),
        "qualifications": [
            "A track record of original research in machine learning, shown through "
            "publications, open-source work or equivalent",
            "Strong programming skills in Python and experience with PyTorch or JAX",
            "Hands-on experience training or analysing transformer models",
            "Comfort designing careful experiments and reporting negative results honestly",
            "A PhD in a quantitative field, or equivalent research experience",
        ],
        "thrive_if": [
            "You have worked on mechanistic interpretability, sparse autoencoders or "
            "probing methods",
            "You enjoy building research tooling that other people end up using",
            "You can explain a subtle result clearly to people outside your field",
            "You are motivated by reducing risks from advanced AI systems",
            "You like collaborating as much as working alone on a hard problem",
        ],
        "pay_min": 295000,
        "pay_max": 440000,
        "pay_currency": "USD",
        "pay_period": "year",
        "travel_note": "Occasional travel between our US offices and to conferences.",
        "relocation_note": "We offer relocation assistance to new employees.",
        "status": "published",
        "published_days_ago": 5,
        "closes_in_days": 30,
        "questions": [
            {
                "label": "Describe an interpretability result you found surprising, and why.",
                "help_text": "Your own work or someone else’s. A few paragraphs is plenty.",
                "kind": "long_text",
                "choices": [],
                "required": True,
            },
            {
                "label": "Which office would you prefer to work from?",
                "help_text": "",
                "kind": "single_choice",
                "choices": ["San Francisco", "New York", "No preference"],
                "required": True,
            },
        ],
    },
    {
        "title": "Research Intern, Multilingual Models",
        "slug": "research-intern-multilingual-models",
        "team": "research",
        "locations": ["paris"],
        "workplace_type": "onsite",
        "employment_type": "internship",
        "intro": (
            "A six-month research internship in Paris on making our models work as well "
            "in French, German or Polish as they do in English."
        ),
        "about_role": (
            "Our models are used in more than a hundred languages, but their quality is "
            "still uneven. As a Research Intern you will join a small group in Paris "
            "working on multilingual pre-training data, tokenization and evaluation for "
            "European languages.\n"
            "\n"
            "You will own a well-scoped research project with a dedicated mentor, run "
            "experiments on our internal cluster, and present your results to the wider "
            "Research team at the end of the internship. Many of our interns publish "
            "their work.\n"
            "\n"
            "The internship lasts six months, starting in spring or autumn, and is based "
            "in our Paris office."
        ),
        "qualifications": [
            "Currently enrolled in a Master’s or PhD programme in machine learning, "
            "computational linguistics or a related field",
            "Solid Python and experience with at least one deep learning framework",
            "Fluency in English and at least one other European language",
            "Eligible to work in France for the duration of the internship",
        ],
        "thrive_if": [
            "You have worked on tokenization, machine translation or multilingual "
            "benchmarks",
            "You are curious about how languages differ and how models cope with that",
            "You like to read the data, not just the loss curves",
            "You write clear, reproducible experiment code",
        ],
        "pay_min": 3200,
        "pay_max": 3800,
        "pay_currency": "EUR",
        "pay_period": "month",
        "travel_note": "",
        "relocation_note": "We help interns find housing in Paris and cover travel at the start and end of the internship.",
        "status": "published",
        "published_days_ago": 20,
        "closes_in_days": None,
        "questions": [
            {
                "label": "When could you start, and for how long can you join us?",
                "help_text": "For example: March, six months.",
                "kind": "short_text",
                "choices": [],
                "required": True,
            },
        ],
    },
    # --- Engineering ---------------------------------------------------------------
    {
        "title": "Site Reliability Engineer, Inference Platform",
        "slug": "site-reliability-engineer-inference-platform",
        "team": "engineering",
        "locations": ["dublin"],
        "workplace_type": "hybrid",
        "employment_type": "full_time",
        "intro": (
            "Keep the platform that serves our models to millions of people fast and "
            "reliable, from GPU fleets to Kubernetes clusters."
        ),
        "about_role": (
            "The Inference Platform team runs the systems that serve every request to "
            "ChatGPT and the API. We operate tens of thousands of GPUs across several "
            "clouds, orchestrated with Kubernetes, and traffic can double in a week "
            "after a launch.\n"
            "\n"
            "As a Site Reliability Engineer in Dublin you will design for failure before "
            "it happens: capacity planning, automated rollouts, observability and "
            "incident response. You will share an on-call rotation with colleagues in "
            "San Francisco so that nobody is paged at night, and you will spend most of "
            "your time writing software that makes the next incident less likely.\n"
            "\n"
            "We work from the Dublin office three days a week."
        ),
        "qualifications": [
            "5+ years operating large production systems as an SRE, production engineer "
            "or backend engineer",
            "Deep experience with Kubernetes, including running it at scale",
            "Infrastructure as code with Terraform or similar tools",
            "Strong programming skills in Go or Python",
            "Experience leading incident response and writing blameless postmortems",
        ],
        "thrive_if": [
            "You have run GPU workloads or high-throughput inference services",
            "You are calm under pressure and methodical when debugging",
            "You like improving systems other people depend on, without fanfare",
            "You write documentation your future self will thank you for",
            "You enjoy mentoring engineers who are new to on-call",
        ],
        "pay_min": 110000,
        "pay_max": 150000,
        "pay_currency": "EUR",
        "pay_period": "year",
        "travel_note": "Occasional travel to San Francisco.",
        "relocation_note": "We offer relocation assistance to new employees.",
        "status": "published",
        "published_days_ago": 3,
        "closes_in_days": None,
        "questions": [
            {
                "label": "Have you been part of an on-call rotation for a production system?",
                "help_text": "",
                "kind": "yes_no",
                "choices": [],
                "required": True,
            },
            {
                "label": "Tell us about the hardest production incident you have worked on.",
                "help_text": "What broke, how you found out, and what changed afterwards.",
                "kind": "long_text",
                "choices": [],
                "required": False,
            },
        ],
    },
    {
        "title": "Developer Documentation Writer",
        "slug": "developer-documentation-writer",
        "team": "engineering",
        "locations": ["new-york"],
        "workplace_type": "remote",
        "employment_type": "contract",
        "intro": (
            "A six-month contract to rewrite and extend the guides developers use to "
            "build on our API."
        ),
        "about_role": (
            "Millions of developers learn our API from our documentation. We are "
            "looking for an experienced technical writer to overhaul our guides on "
            "function calling, structured outputs and the Realtime API, and to write "
            "new tutorials with working, tested code samples.\n"
            "\n"
            "You will work with the API product and engineering teams, test every "
            "example yourself, and set up review so that the docs stay accurate as the "
            "API changes. This is a remote contract for people based in the United "
            "States; the team meets in New York once a quarter."
        ),
        "qualifications": [
            "4+ years writing developer documentation for APIs or SDKs",
            "Able to read and write Python and JavaScript well enough to test examples",
            "A portfolio of published technical writing",
            "Experience with docs-as-code workflows (Markdown, Git, pull requests)",
        ],
        "thrive_if": [
            "You have built something with a large language model API",
            "You care about the reader who is stuck at 2 a.m.",
            "You turn vague feedback into specific, measurable improvements",
            "You work independently and communicate progress without being asked",
        ],
        "pay_min": 85,
        "pay_max": 110,
        "pay_currency": "USD",
        "pay_period": "hour",
        "travel_note": "Quarterly team meetings in New York; travel costs are covered.",
        "relocation_note": "",
        "status": "published",
        "published_days_ago": 9,
        "closes_in_days": None,
        "questions": [
            {
                "label": "Link to a piece of developer documentation you wrote",
                "help_text": "Public links only, please.",
                "kind": "short_text",
                "choices": [],
                "required": True,
            },
        ],
    },
    # --- Safety Systems ------------------------------------------------------------
    {
        "title": "Safety Evaluations Engineer",
        "slug": "safety-evaluations-engineer",
        "team": "safety-systems",
        "locations": ["london"],
        "workplace_type": "onsite",
        "employment_type": "full_time",
        "intro": (
            "Build the evaluations and red-teaming pipelines that decide whether a new "
            "model is ready to launch."
        ),
        "about_role": (
            "Before any model ships, we need to know what it can do and how it can be "
            "misused. The Preparedness evaluations group builds automated evaluations "
            "for dangerous capabilities, coordinates red teaming with internal and "
            "external experts, and reports the results to the people who make launch "
            "decisions.\n"
            "\n"
            "As a Safety Evaluations Engineer in London you will design new evals, "
            "build the infrastructure to run them at scale on every model checkpoint, "
            "and make sure the results are trustworthy. You will work with UK and "
            "European AI safety institutes on shared evaluation methods.\n"
            "\n"
            "This role is based in our London office five days a week."
        ),
        "qualifications": [
            "3+ years of software engineering experience, ideally in ML infrastructure "
            "or data pipelines",
            "Strong Python and experience with distributed job orchestration",
            "Familiarity with how large language models are trained and evaluated",
            "Rigour about statistics, contamination and reproducibility",
        ],
        "thrive_if": [
            "You have built benchmarks or red-teaming tools",
            "You are comfortable working with sensitive material under strict access "
            "controls",
            "You enjoy turning a researcher’s notebook into a reliable pipeline",
            "You think adversarially and like finding the gap in an evaluation",
            "You care deeply about getting safety decisions right",
        ],
        "pay_min": 120000,
        "pay_max": 160000,
        "pay_currency": "GBP",
        "pay_period": "year",
        "travel_note": "",
        "relocation_note": "We offer relocation assistance to new employees.",
        "status": "published",
        "published_days_ago": 1,
        "closes_in_days": None,
        "questions": [
            {
                "label": "Do you hold, or are you willing to obtain, UK security clearance?",
                "help_text": "Some evaluation work with government partners requires it.",
                "kind": "yes_no",
                "choices": [],
                "required": False,
            },
        ],
    },
    {
        "title": "Trust & Safety Operations Analyst",
        "slug": "trust-and-safety-operations-analyst",
        "team": "safety-systems",
        "locations": ["dublin"],
        "workplace_type": "onsite",
        "employment_type": "full_time",
        "intro": (
            "Investigate abuse of our products in Europe and turn what you find into "
            "better detection and policy."
        ),
        "about_role": (
            "Our Trust & Safety Operations team investigates misuse of ChatGPT and the "
            "API, from spam and fraud to coordinated influence operations. The Dublin "
            "team covers Europe, the Middle East and Africa and works in many languages.\n"
            "\n"
            "As an analyst you will review escalations, run investigations across our "
            "logs and signals, and take enforcement action. Just as importantly, you will "
            "feed patterns back to the engineers who build our classifiers and to the "
            "policy team, so that the same abuse is caught automatically next time."
        ),
        "qualifications": [
            "2+ years in trust and safety, fraud, threat intelligence or a similar "
            "investigative role",
            "Working knowledge of SQL and comfort with large datasets",
            "Excellent written English; another European language is a plus",
            "Sound judgment when rules are unclear",
        ],
        "thrive_if": [
            "You have investigated coordinated inauthentic behaviour",
            "You write crisp case summaries that others can act on",
            "You look after your own wellbeing when working with difficult content",
            "You like automating the parts of your job that repeat",
        ],
        "pay_min": 60000,
        "pay_max": 75000,
        "pay_currency": "EUR",
        "pay_period": "year",
        "travel_note": "",
        "relocation_note": "",
        "status": "draft",
        "published_days_ago": None,
        "closes_in_days": None,
        "questions": [
            {
                "label": "Which languages can you work in professionally?",
                "help_text": "",
                "kind": "short_text",
                "choices": [],
                "required": True,
            },
        ],
    },
    # --- Legal -----------------------------------------------------------------------
    {
        "title": "Senior Counsel, EU AI Regulation",
        "slug": "senior-counsel-eu-ai-regulation",
        "team": "legal",
        "locations": ["brussels"],
        "workplace_type": "hybrid",
        "employment_type": "full_time",
        "intro": (
            "Lead our legal work on the EU AI Act and related European regulation, from "
            "interpretation to compliance in our products."
        ),
        "about_role": (
            "The EU AI Act sets new obligations for providers of general-purpose AI "
            "models, and its codes of practice and standards are still being written. "
            "We are looking for a senior lawyer in Brussels to advise on how the Act, "
            "the GDPR, the Digital Services Act and copyright law apply to our models "
            "and products.\n"
            "\n"
            "You will translate legal requirements into concrete engineering and product "
            "work, build our compliance documentation, and work closely with the Global "
            "Affairs team on our engagement with the European Commission’s AI Office and "
            "national authorities.\n"
            "\n"
            "The role is hybrid, with at least two days a week in our Brussels office."
        ),
        "qualifications": [
            "Qualified lawyer with 8+ years of experience in EU regulatory, technology "
            "or data protection law",
            "Detailed knowledge of the EU AI Act and the EU legislative process",
            "Experience advising technology companies, in-house or in private practice",
            "Excellent drafting in English; French is a plus",
            "Ability to explain legal risk clearly and pragmatically to non-lawyers",
        ],
        "thrive_if": [
            "You are curious about how machine learning systems are built",
            "You have worked on GDPR compliance for data-heavy products",
            "You enjoy ambiguity and can make good calls before the guidance is final",
            "You build trust with regulators and colleagues alike",
            "You like writing the playbook others will follow",
        ],
        "pay_min": 130000,
        "pay_max": 170000,
        "pay_currency": "EUR",
        "pay_period": "year",
        "travel_note": "Regular travel to London, Dublin and Paris.",
        "relocation_note": "We offer relocation assistance to new employees.",
        "status": "published",
        "published_days_ago": 15,
        "closes_in_days": None,
        "questions": [
            {
                "label": "Which bars or law societies are you admitted to?",
                "help_text": "",
                "kind": "short_text",
                "choices": [],
                "required": True,
            },
            {
                "label": "Have you advised on the EU AI Act or its codes of practice?",
                "help_text": "",
                "kind": "yes_no",
                "choices": [],
                "required": False,
            },
        ],
    },
    # --- Global Affairs (closed) -------------------------------------------------------
    {
        "title": "Policy Communications Manager, France",
        "slug": "policy-communications-manager-france",
        "team": "global-affairs",
        "locations": ["paris"],
        "workplace_type": "hybrid",
        "employment_type": "full_time",
        "intro": (
            "Tell our story to French policymakers, journalists and civil society, in "
            "French and English."
        ),
        "about_role": (
            "France is one of the most important countries for AI policy in Europe, and "
            "home to a vibrant AI research community. We are looking for a communications "
            "manager to lead how we explain our work, our safety approach and our "
            "positions to French audiences.\n"
            "\n"
            "You will write and place op-eds, prepare spokespeople for interviews and "
            "parliamentary hearings, organise events with partners, and keep the Global "
            "Affairs team informed about the debate in France. You will work with "
            "colleagues in Brussels, London and San Francisco."
        ),
        "qualifications": [
            "6+ years in policy communications, public affairs or journalism",
            "Native-level French and excellent English",
            "A strong network among French media and policy stakeholders",
            "Experience handling sensitive or fast-moving stories",
        ],
        "thrive_if": [
            "You can make a technical topic accessible without dumbing it down",
            "You have covered or worked on technology policy",
            "You stay calm when a story breaks late at night",
            "You enjoy working across time zones and teams",
        ],
        "pay_min": None,
        "pay_max": None,
        "pay_currency": "",
        "pay_period": "",
        "travel_note": "Some travel within France and to Brussels.",
        "relocation_note": "",
        "status": "closed",
        "published_days_ago": 60,
        "closes_in_days": None,
        "questions": [
            {
                "label": "Please share two pieces of writing you are proud of",
                "help_text": "Links to op-eds, articles or press materials.",
                "kind": "long_text",
                "choices": [],
                "required": True,
            },
        ],
    },
    # --- People ------------------------------------------------------------------------
    {
        "title": "Technical Recruiter, Research",
        "slug": "technical-recruiter-research",
        "team": "people",
        "locations": ["london"],
        "workplace_type": "remote",
        "employment_type": "full_time",
        "intro": (
            "Find and hire the researchers who will shape the next generation of our "
            "models, working remotely from anywhere in the UK."
        ),
        "about_role": (
            "We are growing our research teams in London and across Europe. As a "
            "Technical Recruiter for Research, you will partner with research leads to "
            "understand what each team needs, find candidates through papers, "
            "conferences and open-source communities, and guide them through a process "
            "that is rigorous and respectful.\n"
            "\n"
            "You will own searches end to end, from sourcing to offer, and help improve "
            "how we interview, including making our process more accessible to "
            "candidates who ask for accommodations. The role is remote within the UK, "
            "with occasional days in our London office."
        ),
        "qualifications": [
            "4+ years of technical or research recruiting, in-house or agency",
            "Experience hiring machine learning researchers or engineers",
            "Excellent judgment about people and strong written communication",
            "Comfortable with an applicant tracking system and data-driven recruiting",
        ],
        "thrive_if": [
            "You can hold a real conversation about a candidate’s research",
            "You treat every candidate the way you would want to be treated",
            "You know the European ML community and its conferences",
            "You look for ways to make hiring fairer and faster",
            "You enjoy working with very senior, very busy hiring managers",
        ],
        "pay_min": 75000,
        "pay_max": 95000,
        "pay_currency": "GBP",
        "pay_period": "year",
        "travel_note": "Occasional travel to London and to major ML conferences.",
        "relocation_note": "",
        "status": "published",
        "published_days_ago": 25,
        "closes_in_days": None,
        "questions": [
            {
                "label": "Do you have the right to work in the UK?",
                "help_text": "",
                "kind": "yes_no",
                "choices": [],
                "required": True,
            },
        ],
    },
    {
        "title": "Learning & Development Partner",
        "slug": "learning-and-development-partner",
        "team": "people",
        "locations": ["san-francisco"],
        "workplace_type": "onsite",
        "employment_type": "part_time",
        "intro": (
            "A part-time role designing onboarding and manager training for a fast-growing "
            "research company."
        ),
        "about_role": (
            "We have grown quickly, and many of our managers are leading a team for the "
            "first time. We are looking for a Learning & Development Partner to design "
            "and run our onboarding programme and our core manager training.\n"
            "\n"
            "This is a part-time role, three days a week, based in our San Francisco "
            "office. You will work with the People team and with leaders across "
            "Research and Engineering to understand what people need, build practical "
            "programmes, and measure whether they help."
        ),
        "qualifications": [
            "5+ years designing and delivering learning programmes in a technology "
            "company",
            "Experience with manager development and onboarding",
            "Strong facilitation skills, in person and remote",
            "A habit of measuring outcomes, not just attendance",
        ],
        "thrive_if": [
            "You have worked with researchers or engineers as your audience",
            "You prefer short, practical sessions to long courses",
            "You are comfortable building things from scratch",
            "You give and ask for direct feedback",
        ],
        "pay_min": 90000,
        "pay_max": 115000,
        "pay_currency": "USD",
        "pay_period": "year",
        "travel_note": "",
        "relocation_note": "",
        "status": "published",
        "published_days_ago": 33,
        "closes_in_days": None,
        "questions": [
            {
                "label": "Which days of the week would you be available to work?",
                "help_text": "",
                "kind": "single_choice",
                "choices": [
                    "Monday to Wednesday",
                    "Tuesday to Thursday",
                    "Wednesday to Friday",
                    "Flexible",
                ],
                "required": True,
            },
        ],
    },
]
