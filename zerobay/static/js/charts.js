/* The one chart start-up script. Every <div class="chart" data-chart-id="…"> names the
   <script type="application/json"> holding its spec (built by zerobay/web/charts.py); this script
   turns the spec into an ECharts option by its kind, draws it and follows window resizes. */
(function () {
  "use strict";

  // Numbers as the pages show them: Chinese grouping, at most two decimals unless told.
  function formatter(digits) {
    var d = digits || [0, 2];
    return function (v) {
      if (v == null || isNaN(v)) { return "—"; }
      return Number(v).toLocaleString("zh-CN", {minimumFractionDigits: d[0], maximumFractionDigits: d[1]});
    };
  }

  function digits(o, key) { return formatter((o.digits || {})[key]); }

  function grid(o, fallback) {
    var g = o.grid || fallback;
    return {left: g.left, right: g.right, top: g.top, bottom: g.bottom};
  }

  function lineStyle(s) {
    var style = {};
    if (s.width) { style.width = s.width; }
    if (s.dash) { style.type = s.dash; }
    return style;
  }

  function itemStyle(s) { return s.colour ? {color: s.colour} : undefined; }

  // bar and line: categories on one axis, values on the other
  function cartesian(spec) {
    var o = spec.options || {}, cats = spec.categories || [];
    var label = digits(o, "label"), tip = digits(o, "tooltip"), axis = digits(o, "axis");
    var unit = spec.unit ? " " + spec.unit : "";
    var series = spec.series.map(function (s) {
      var out = {name: s.name, type: s.type || spec.kind, data: s.data};
      if (s.colours) {
        out.data = s.data.map(function (v, i) { return {value: v, itemStyle: {color: s.colours[i]}}; });
      }
      if (itemStyle(s)) { out.itemStyle = itemStyle(s); }
      if (s.width || s.dash) { out.lineStyle = lineStyle(s); }
      if (s.symbol_size) { out.symbolSize = s.symbol_size; }
      if (out.type === "bar" && o.bar_max_width) { out.barMaxWidth = o.bar_max_width; }
      if (out.type === "line") { out.connectNulls = !!o.connect_nulls; }
      if (s.labels && (o.labels_up_to == null || cats.length <= o.labels_up_to)) {
        out.label = {show: true, position: o.horizontal ? "right" : "top", formatter: function (p) { return p.value == null ? "" : label(p.value); }};
      }
      if (s.mark) {
        out.markLine = {symbol: "none", data: [{xAxis: s.mark.at, label: {formatter: s.mark.label}}]};
      }
      return out;
    });
    var categoryAxis = {type: "category", data: cats};
    if (o.rotate_over != null) {
      categoryAxis.axisLabel = {interval: 0, rotate: cats.length > o.rotate_over ? 30 : 0};
    } else if (o.all_labels) {
      categoryAxis.axisLabel = {interval: 0, fontSize: 12};
    }
    var valueAxis = {type: "value"};
    if (o.y_min != null) { valueAxis.min = o.y_min; }
    if (o.y_max != null) { valueAxis.max = o.y_max; }
    if (o.min_interval) { valueAxis.minInterval = o.min_interval; }
    if (o.axis_name) { valueAxis.name = spec.unit; }
    if (o.percent) {
      valueAxis.axisLabel = {formatter: "{value}%"};
    } else if (o.digits && o.digits.axis) {
      valueAxis.axisLabel = {formatter: axis};
    }
    var tooltip = {trigger: "axis"};
    if (o.axis_pointer) { tooltip.axisPointer = {type: o.axis_pointer}; }
    if (o.percent) {
      tooltip.valueFormatter = function (v) { return v == null ? "—" : v + "%"; };
    } else if (o.digits && o.digits.tooltip) {
      tooltip.valueFormatter = function (v) { return v == null ? "—" : tip(v) + unit; };
    }
    var option = {
      grid: grid(o, {left: 50, right: 30, top: 30, bottom: 30}),
      tooltip: tooltip,
      xAxis: o.horizontal ? valueAxis : categoryAxis,
      yAxis: o.horizontal ? Object.assign(categoryAxis, {inverse: true}) : valueAxis,
      series: series
    };
    if (o.palette) { option.color = o.palette; }
    if (o.legend) { option.legend = o.legend === "scroll" ? {top: 0, type: "scroll"} : {top: 0}; }
    if (o.animation_ms) { option.animationDuration = o.animation_ms; }
    if (spec.title) { option.title = {text: spec.title, left: "center", textStyle: {fontSize: 13, fontWeight: "normal"}}; }
    return option;
  }

  function funnel(spec) {
    var o = spec.options || {}, cats = spec.categories || [];
    var s = {
      type: "funnel", sort: "none", left: "10%", width: "80%",
      label: {formatter: o.label_format || "{b}  {c}"},
      data: spec.series[0].data.map(function (v, i) { return {name: cats[i], value: v}; })
    };
    if (o.label === "inside") { s.label.show = true; s.label.position = "inside"; }
    if (o.min_size) { s.minSize = o.min_size; }
    if (o.gap) { s.gap = o.gap; }
    var option = {tooltip: {trigger: "item"}, series: [s]};
    if (o.tooltip_format) { option.tooltip.formatter = o.tooltip_format; }
    if (o.palette) { option.color = o.palette; }
    return option;
  }

  // years: lines over a numeric year axis ([year, value] points) and a shaded interval band
  function years(spec) {
    var o = spec.options || {}, fmt = formatter();
    var points = [];
    spec.series.forEach(function (s) { points = points.concat(s.data); });
    var xs = points.map(function (p) { return p[0]; });
    var series = spec.series.map(function (s) {
      if (s.type === "band") {
        var band = s.data, fill = s.colour || "rgba(107,119,133,0.18)";
        return {
          name: s.name, type: "custom", data: band, encode: {x: 0, y: [1, 2]}, silent: true, z: s.z || 1,
          itemStyle: {color: fill},
          renderItem: function (params, api) {
            if (params.dataIndex !== 0) { return null; }
            var top = band.map(function (p) { return api.coord([p[0], p[2]]); });
            var bottom = band.slice().reverse().map(function (p) { return api.coord([p[0], p[1]]); });
            return {type: "polygon", shape: {points: top.concat(bottom)}, style: {fill: fill}};
          }
        };
      }
      var out = {name: s.name, type: "line", data: s.data, clip: false, itemStyle: itemStyle(s), lineStyle: lineStyle(s)};
      if (s.symbol) { out.symbol = s.symbol; }
      if (s.symbol_size) { out.symbolSize = s.symbol_size; }
      if (s.z) { out.z = s.z; }
      if (s.labels) {
        out.label = {show: true, position: "top", color: s.colour, formatter: function (p) { return fmt(p.value[1]); }};
      }
      return out;
    });
    var unit = spec.unit || "";
    return {
      animationDuration: o.animation_ms || 400,
      grid: grid(o, {left: 70, right: 50, top: 50, bottom: 36}),
      legend: {top: 0, data: series.map(function (s) { return s.name; })},
      tooltip: {trigger: "axis", axisPointer: {type: "line"}, formatter: function (items) {
        var lines = [String(items.length ? items[0].value[0] : "")];
        items.forEach(function (it) {
          if (it.seriesType === "custom") {
            lines.push(it.marker + it.seriesName + "：" + fmt(it.value[1]) + " ～ " + fmt(it.value[2]));
          } else {
            lines.push(it.marker + it.seriesName + "：" + fmt(it.value[1]) + " " + unit);
          }
        });
        return lines.join("<br>");
      }},
      xAxis: {type: "value", min: Math.min.apply(null, xs), max: Math.max.apply(null, xs), minInterval: 1,
              axisLabel: {formatter: function (v) { return Number.isInteger(v) ? String(v) : ""; }}, splitLine: {show: false}},
      yAxis: {type: "value", name: unit, scale: true, boundaryGap: ["12%", "12%"], axisLabel: {formatter: fmt}},
      series: series
    };
  }

  // timeline: rows (categories, top to bottom) with points [date, row, label] on a time axis
  function timeline(spec) {
    var o = spec.options || {};
    var series = spec.series.map(function (s) {
      return {name: s.name, type: "scatter", data: s.data, symbolSize: s.symbol_size || 12, itemStyle: itemStyle(s),
              encode: {x: 0, y: 1}};
    });
    if (o.today && series.length) {
      series[0].markLine = {symbol: "none", silent: true, lineStyle: {type: "dashed", color: "#6b7785"},
                            data: [{xAxis: o.today}], label: {formatter: o.today}};
    }
    return {
      grid: grid(o, {left: 220, right: 30, top: 36, bottom: 30}),
      legend: {top: 0},
      tooltip: {trigger: "item", formatter: function (p) {
        var esc = echarts.format.encodeHTML;  // rows and labels are user text
        return p.marker + esc(p.value[1]) + "<br>" + esc(p.value[0]) + " " + esc(p.value[2] || "");
      }},
      xAxis: {type: "time", min: o.start, max: o.end},
      yAxis: {type: "category", data: spec.categories || [], inverse: true,
              axisLabel: {width: 200, overflow: "truncate", interval: 0}},
      series: series
    };
  }

  // radar: one polygon per series over the categories as axes (options.max: each axis's maximum)
  function radar(spec) {
    var o = spec.options || {}, cats = spec.categories || [], max = o.max || [];
    var option = {
      legend: {bottom: 0, data: spec.series.map(function (s) { return s.name; })},
      tooltip: {trigger: "item"},
      radar: {radius: "62%", center: ["50%", "48%"], indicator: cats.map(function (c, i) { return {name: c, max: max[i] || 100}; })},
      series: [{type: "radar", data: spec.series.map(function (s) {
        return {name: s.name, value: s.data, lineStyle: lineStyle(s), itemStyle: itemStyle(s), areaStyle: s.dash ? undefined : {opacity: 0.15}};
      })}]
    };
    if (o.palette) { option.color = o.palette; }
    return option;
  }

  var KINDS = {bar: cartesian, line: cartesian, funnel: funnel, years: years, timeline: timeline, radar: radar};

  function draw(el) {
    var source = document.getElementById(el.getAttribute("data-chart-id"));
    if (!source || typeof echarts === "undefined") { return null; }
    var spec = JSON.parse(source.textContent);
    var build = KINDS[spec.kind];
    if (!build) { return null; }
    if (el.getAttribute("data-height")) { el.style.height = el.getAttribute("data-height"); }
    var chart = echarts.init(el);
    chart.setOption(build(spec));
    return chart;
  }

  function start() {
    var charts = [];
    document.querySelectorAll("div.chart[data-chart-id]").forEach(function (el) {
      var chart = draw(el);
      if (chart) { charts.push(chart); }
    });
    if (charts.length) {
      var resize = function () { charts.forEach(function (c) { c.resize(); }); };
      window.addEventListener("resize", resize);
      // Printing lays the page out at the paper's width: redraw the charts to their boxes.
      window.addEventListener("beforeprint", resize);
      window.matchMedia("print").addEventListener("change", resize);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
