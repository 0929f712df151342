using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingPortal.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Standing_VerdictKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "VerdictKey",
                table: "EnrollmentStandings",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "VerdictKey",
                table: "EnrollmentStandings");
        }
    }
}
