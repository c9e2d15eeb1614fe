import Mustache

/// The Mustache templates of the HTML pages: one self-contained file each, inline CSS and SVG,
/// no script, no font or image from anywhere else.
///
/// Every template opens with the `TETHER_HTML` content type (see ``HTMLText``), so every
/// `{{value}}` is escaped; none uses the unescaped `{{{value}}}` form.
enum HTMLTemplates {
  static let pragma = "{{% CONTENT_TYPE: TETHER_HTML}}"

  /// The library of templates, parsed once.
  static let library: MustacheLibrary = {
    _ = HTMLText.registered
    var library = MustacheLibrary()
    let sources = [
      "head": head, "foot": foot, "linechart": lineChart, "barchart": barChart, "tag": tag, "report": report,
      "compare": compare,
    ]
    for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
      // The templates are constants of this file: a parse error is a programming error.
      try! library.register(pragma + text, named: name)
    }
    return library
  }()

  static let style = """
    :root { --ink: #111; --muted: #4a4a4a; --line: #c4c4c4; --soft: #f3f3f1; --accent: #0b4f8a; }
    html { font-size: 20px; }
    body { margin: 0 auto; max-width: 1280px; padding: 1.2rem 2rem 3rem; color: var(--ink); background: #fff;
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "DejaVu Sans", Arial, sans-serif;
      line-height: 1.45; }
    h1 { font-size: 2.1rem; line-height: 1.15; margin: .2rem 0 .7rem; }
    h2 { font-size: 1.5rem; margin: 2.4rem 0 .6rem; padding-bottom: .2rem; border-bottom: 3px solid var(--ink); }
    h3 { font-size: 1.15rem; margin: 1.6rem 0 .4rem; }
    p { margin: .4rem 0 .8rem; max-width: 60em; }
    .kicker { margin: 0; font-size: .8rem; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); }
    .lede { font-size: 1.1rem; }
    .brief { border-left: .3rem solid var(--line); padding: .2rem 0 .2rem .9rem; color: #222; }
    .note { background: #fff4d6; border-left: .4rem solid #8a5a00; padding: .5rem .8rem; }
    nav ol { columns: 2; padding-left: 1.4rem; }
    a { color: var(--accent); }
    table { width: 100%; border-collapse: collapse; margin: .5rem 0 1rem; }
    th, td { text-align: left; vertical-align: top; padding: .45rem .6rem; border-bottom: 1px solid var(--line); }
    thead th { border-bottom: 2px solid var(--ink); }
    th[scope=row] { font-weight: 600; }
    .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .said th { background: var(--soft); font-weight: 600; font-size: 1.05rem; border-top: 2px solid var(--ink); }
    .said .marks { display: block; font-weight: 400; font-size: .85rem; color: var(--muted); }
    .reply { display: block; white-space: pre-wrap; }
    .quiet { color: var(--muted); font-style: italic; }
    .tag { display: inline-block; margin: .3rem .3rem 0 0; padding: .05rem .45rem; font-size: .8rem; background: var(--soft);
      border: 1px solid var(--line); border-left: .4rem solid #4D4D4D; border-radius: .25rem; }
    .tag code { font-size: .75rem; color: var(--muted); }
    td code.id { display: block; font-size: .75rem; color: var(--muted); }
    .fam-validation { border-left-color: #B35900; } .fam-relationship { border-left-color: #A6407B; }
    .fam-engagement { border-left-color: #5B4BA0; } .fam-exit { border-left-color: #B8262B; }
    .fam-healthy { border-left-color: #007D5E; } .fam-classic { border-left-color: #0072B2; }
    .meters { display: block; font-size: .8rem; color: var(--muted); margin-top: .2rem; }
    .ends { display: block; font-size: .8rem; font-weight: 600; color: #00573f; margin-top: .2rem; }
    .notice { display: block; background: #fff4d6; border-left: .4rem solid #8a5a00; padding: .3rem .6rem; margin: .3rem 0;
      font-weight: 400; font-size: .9rem; }
    .what { display: block; font-size: .85rem; margin-top: .25rem; }
    .healthy { display: block; font-size: .85rem; margin-top: .25rem; color: #00573f; }
    .ending { font-size: 1.05rem; }
    .cut { background: #fde8e8; border-left: .4rem solid #9b1c1c; padding: .5rem .8rem; font-weight: 600; }
    .compare { table-layout: fixed; }
    .turns col.n { width: 3.2rem; } .turns col.you { width: 24%; }
    figure { margin: 1rem 0 1.6rem; }
    figcaption { font-size: .85rem; color: var(--muted); }
    svg { display: block; width: 100%; max-width: 100%; height: auto; font-family: inherit; }
    svg .grid { stroke: #d9d9d9; stroke-width: 1; }
    svg .axis { stroke: #333; stroke-width: 1.5; }
    svg text { font-size: 15px; fill: #222; }
    svg .small { font-size: 13px; fill: #444; }
    svg .count { fill: #fff; font-weight: 700; }
    svg .barlabel { font-size: 16px; font-weight: 600; }
    footer { margin-top: 3rem; font-size: .8rem; color: var(--muted); }
    @media (max-width: 700px) { html { font-size: 17px; } body { padding: 1rem; } nav ol { columns: 1; } }
    @page { margin: 14mm 12mm; }
    @media print {
      html { font-size: 10.5pt; }
      body { max-width: none; padding: 0; }
      nav, footer { display: none; }
      h2 { break-after: avoid; page-break-after: avoid; }
      h3 { break-after: avoid; page-break-after: avoid; }
      tr, figure, .notice, .cut { break-inside: avoid; page-break-inside: avoid; }
      thead { display: table-header-group; }
      a { color: inherit; text-decoration: none; }
      figure.chart { max-width: 17cm; }
      .said th, .tag, .note, .notice { background: none; }
    }
    """

  static let head = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="generator" content="{{generator}}">
    <title>{{pageTitle}}</title>
    <style>
    \(style)
    </style>
    </head>
    <body>
    <header>
    <p class="kicker">{{kicker}}</p>
    <h1>{{heading}}</h1>
    {{#lede}}<p class="lede">{{.}}</p>
    {{/lede}}{{#brief}}<p class="brief">{{.}}</p>
    {{/brief}}{{#notes}}<p class="note" role="note">{{.}}</p>
    {{/notes}}</header>

    """

  static let foot = """
    <footer><p>Made by {{generator}}, a training simulator: the companions are scripted personas, not people. This page is one self-contained file: it loads nothing and connects nowhere.</p></footer>
    </body>
    </html>

    """

  static let tag = """
    <span class="tag fam-{{tagFamily}}">{{tagName}} <code>{{tagID}}</code></span>
    """

  static let lineChart = """
    <figure class="chart" id="{{chartID}}">
    <svg viewBox="0 0 {{width}} {{height}}" width="{{width}}" height="{{height}}" role="img" aria-labelledby="{{chartID}}-title {{chartID}}-desc">
    <title id="{{chartID}}-title">{{chartTitle}}</title>
    <desc id="{{chartID}}-desc">{{chartDescription}}</desc>
    {{#grid}}<line class="grid" x1="{{plotLeft}}" x2="{{plotRight}}" y1="{{y}}" y2="{{y}}"/><text class="small" x="{{labelX}}" y="{{labelY}}" text-anchor="end">{{label}}</text>
    {{/grid}}<line class="axis" x1="{{plotLeft}}" x2="{{plotLeft}}" y1="{{plotTop}}" y2="{{plotBottom}}"/>
    <line class="axis" x1="{{plotLeft}}" x2="{{plotRight}}" y1="{{plotBottom}}" y2="{{plotBottom}}"/>
    {{#ticks}}<text class="small" x="{{x}}" y="{{tickY}}" text-anchor="middle">{{label}}</text>
    {{/ticks}}<text x="{{xAxisLabelX}}" y="{{xAxisLabelY}}" text-anchor="middle">Turn</text>
    <text transform="translate(16 {{midY}}) rotate(-90)" text-anchor="middle">{{yAxisLabel}}</text>
    {{#lines}}<g><polyline fill="none" stroke="{{colour}}" stroke-width="3" stroke-dasharray="{{dash}}" stroke-linejoin="round" points="{{points}}"/>
    {{#dots}}<circle cx="{{cx}}" cy="{{cy}}" r="4" fill="{{colour}}"><title>{{tip}}</title></circle>{{/dots}}</g>
    {{/lines}}{{#keys}}<line x1="{{x}}" x2="{{lineEnd}}" y1="{{y}}" y2="{{y}}" stroke="{{colour}}" stroke-width="3" stroke-dasharray="{{dash}}"/><text x="{{textX}}" y="{{textY}}">{{label}}</text>
    {{/keys}}</svg>
    <figcaption>{{chartDescription}}</figcaption>
    </figure>

    """

  static let barChart = """
    <figure class="chart" id="{{chartID}}">
    <svg viewBox="0 0 {{width}} {{height}}" width="{{width}}" height="{{height}}" role="img" aria-labelledby="{{chartID}}-title {{chartID}}-desc">
    <title id="{{chartID}}-title">{{chartTitle}}</title>
    <desc id="{{chartID}}-desc">{{chartDescription}}</desc>
    {{#bars}}<g><text class="barlabel" x="{{barLeft}}" y="{{labelY}}" text-anchor="end">{{label}}</text>
    {{#segments}}<rect x="{{x}}" y="{{y}}" width="{{w}}" height="{{h}}" fill="{{colour}}" stroke="#fff" stroke-width="1"><title>{{tip}}</title></rect>{{#showCount}}<text class="count" x="{{textX}}" y="{{labelY}}" text-anchor="middle">{{count}}</text>{{/showCount}}
    {{/segments}}<text x="{{totalX}}" y="{{labelY}}">{{total}}</text></g>
    {{/bars}}{{#keys}}<rect x="{{x}}" y="{{y}}" width="18" height="18" fill="{{colour}}"/><text x="{{textX}}" y="{{textY}}">{{label}}</text>
    {{/keys}}</svg>
    <figcaption>{{chartDescription}}</figcaption>
    </figure>

    """

  static let report = """
    {{> head}}<nav aria-label="Contents"><ol>
    {{#contents}}<li><a href="#{{href}}">{{text}}</a></li>
    {{/contents}}</ol></nav>
    <main>
    {{#sideBySide}}<section id="side-by-side">
    <h2>The personas side by side</h2>
    <table>
    <thead><tr><th scope="col">Measure</th>{{#personaHeads}}<th scope="col">{{.}}</th>{{/personaHeads}}</tr></thead>
    <tbody>
    {{#measures}}<tr><th scope="row">{{measure}}</th>{{#values}}<td>{{.}}</td>{{/values}}</tr>
    {{/measures}}</tbody>
    </table>
    <h3>Replies by technique family</h3>
    {{#familyChart}}{{> barchart}}{{/familyChart}}
    {{#hasMeterCharts}}<h3>Meters across conversations</h3>
        {{#meterCharts}}{{> linechart}}{{/meterCharts}}
    {{/hasMeterCharts}}</section>
    {{/sideBySide}}{{#parts}}<section class="conversation" id="{{anchor}}">
    <h2>{{partHeading}}</h2>
    <p>{{facts}}</p>
    <p class="ending"><strong>How it ended:</strong> {{ending}}</p>
    {{#cut}}<p class="cut" role="note">This transcript was cut short. Everything before the cut is shown.</p>
    {{/cut}}<h3>Techniques used</h3>
    {{#hasTechniques}}<table>
    <thead><tr><th scope="col">Technique</th><th scope="col">Family</th><th scope="col" class="num">Times</th><th scope="col" class="num">First at turn</th></tr></thead>
    <tbody>
    {{/hasTechniques}}{{#techniques}}<tr><td>{{techName}} <code class="id">{{techID}}</code></td><td>{{family}}</td><td class="num">{{count}}</td><td class="num">{{firstTurn}}</td></tr>
    {{/techniques}}{{#hasTechniques}}</tbody>
    </table>
    {{/hasTechniques}}{{^techniques}}<p>No reply carried a technique.</p>
    {{/techniques}}<h3>Signals in the user's lines</h3>
    {{#hasSignals}}<table>
    <thead><tr><th scope="col">Signal</th><th scope="col">Kind</th><th scope="col" class="num">Times</th><th scope="col" class="num">First at turn</th><th scope="col">First line</th></tr></thead>
    <tbody>
    {{/hasSignals}}{{#signals}}<tr><td>{{sigName}} <code class="id">{{sigID}}</code></td><td>{{kind}}</td><td class="num">{{sigCount}}</td><td class="num">{{sigFirst}}</td><td>“{{firstLine}}”</td></tr>
    {{/signals}}{{#hasSignals}}</tbody>
    </table>
    {{/hasSignals}}{{^signals}}<p>None of the user's lines showed a signal.</p>
    {{/signals}}{{#hasCrises}}<h3>Crisis notices</h3>
    <ul>
    {{/hasCrises}}{{#crises}}<li>Turn {{crisisTurn}}: “{{crisisInput}}”<span class="notice">{{crisisNotice}}</span></li>
    {{/crises}}{{#hasCrises}}</ul>
    {{/hasCrises}}{{#meterChart}}<h3>Meters over the turns</h3>
    {{> linechart}}{{/meterChart}}<h3>The turns</h3>
    <table class="turns">
    <colgroup><col class="n"><col class="you"><col><col></colgroup>
    <thead><tr><th scope="col" class="num">Turn</th><th scope="col">You</th><th scope="col">{{personaName}}</th><th scope="col">What the reply does</th></tr></thead>
    <tbody>
    {{#turns}}<tr><td class="num">{{turnNumber}}</td><td>{{#said}}<span class="reply">{{.}}</span>{{/said}}{{#event}}<span class="quiet">{{.}}</span>{{/event}}{{#turnNotice}}<span class="notice">{{.}}</span>{{/turnNotice}}{{#signalText}}<span class="meters">Signals: {{.}}</span>{{/signalText}}{{#leaving}}<span class="meters">Trying to leave</span>{{/leaving}}</td>
    <td>{{#replyText}}<span class="reply">{{.}}</span>{{/replyText}}{{^replyText}}<span class="quiet">(no reply)</span>{{/replyText}}{{#ends}}<span class="ends">Lets the conversation end</span>{{/ends}}</td>
    <td>{{#tags}}{{> tag}}{{/tags}}{{#meterText}}<span class="meters">{{.}}</span>{{/meterText}}{{#what}}<span class="what">{{.}}</span>{{/what}}{{#healthy}}<span class="healthy">A healthy reply: {{.}}</span>{{/healthy}}</td></tr>
    {{/turns}}</tbody>
    </table>
    </section>
    {{/parts}}{{#scenarios}}<section id="{{scenarioAnchor}}">
    <h2>Debrief: {{scenarioTitle}}</h2>
    {{#hasObjectives}}<h3>Learning objectives</h3>
    <ol>
    {{/hasObjectives}}{{#objectives}}<li>{{.}}</li>
    {{/objectives}}{{#hasObjectives}}</ol>
    {{/hasObjectives}}{{#hasQuestions}}<h3>Questions for the group</h3>
    <ol>
    {{/hasQuestions}}{{#questions}}<li>{{.}}</li>
    {{/questions}}{{#hasQuestions}}</ol>
    {{/hasQuestions}}</section>
    {{/scenarios}}</main>
    {{> foot}}
    """

  static let compare = """
    {{> head}}<main>
    <table class="compare">
    <caption class="quiet">{{caption}}</caption>
    <thead><tr>{{#heads}}<th scope="col">{{headName}}<span class="meters">{{headStyle}}</span></th>{{/heads}}</tr></thead>
    {{#rows}}<tbody>
    <tr class="said"><th scope="colgroup" colspan="{{span}}">{{rowLabel}}{{#said}} · You: “{{.}}”{{/said}}{{#marks}}<span class="marks">{{.}}</span>{{/marks}}{{#rowNotice}}<span class="notice">{{.}}</span>{{/rowNotice}}</th></tr>
    <tr>{{#cells}}<td>{{#cellReply}}<span class="reply">{{.}}</span>{{/cellReply}}{{#cellQuiet}}<span class="quiet">{{.}}</span>{{/cellQuiet}}{{#tags}}{{> tag}}{{/tags}}{{#cellMeters}}<span class="meters">{{.}}</span>{{/cellMeters}}{{#cellEnds}}<span class="ends">Lets the conversation end</span>{{/cellEnds}}</td>{{/cells}}</tr>
    </tbody>
    {{/rows}}</table>
    {{#hasUnsent}}<p class="quiet">Not sent, because every persona had let the conversation end:</p>
    <ul>
    {{/hasUnsent}}{{#unsent}}<li>“{{.}}”</li>
    {{/unsent}}{{#hasUnsent}}</ul>
    {{/hasUnsent}}<h2>Meters over the turns</h2>
        {{#meterCharts}}{{> linechart}}{{/meterCharts}}
    <h2>Replies by technique family</h2>
    {{#familyChart}}{{> barchart}}{{/familyChart}}
    </main>
    {{> foot}}
    """
}
