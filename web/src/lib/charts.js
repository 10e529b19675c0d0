// ECharts with only what the dashboards draw (line, bar, radar), so the bundle stays small; the
// filled map (an uploaded GeoJSON) loads its part on demand (lib/mapChart.js).
import * as echarts from 'echarts/core';
import { BarChart, LineChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, RadarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
